package dev.warroom.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A suite's figures by export view ({@code view.json} in a bundle written under a gym view; a
 * bundle without one is the gym's full view): the full view, all randomised views pooled, and each
 * view dimension by its value (naming convention, step, history, modalities, …), so a drop can be
 * traced to the shape of data that causes it.
 *
 * @param full the bundles written as the gym writes them
 * @param views every bundle written under a randomised view, pooled
 * @param byDimension dimension → value → figures, over the randomised views
 */
public record ViewBreakdown(
    SuiteReport.Breakdown full,
    SuiteReport.Breakdown views,
    Map<String, Map<String, SuiteReport.Breakdown>> byDimension) {

  /** Whether any bundle was written under a randomised view. */
  public boolean hasViews() {
    return views.episodes() > 0;
  }

  /**
   * Groups results by the view of the bundle each came from ({@code dirs[i]} → {@code results[i]}).
   */
  public static ViewBreakdown of(List<Path> dirs, List<EpisodeResult> results) {
    if (dirs.size() != results.size()) {
      throw new IllegalArgumentException(
          dirs.size() + " bundles but " + results.size() + " results");
    }
    ObjectMapper m = new ObjectMapper();
    List<EpisodeResult> full = new ArrayList<>();
    List<EpisodeResult> views = new ArrayList<>();
    Map<String, Map<String, List<EpisodeResult>>> groups = new LinkedHashMap<>();
    for (int i = 0; i < dirs.size(); i++) {
      Path vj = dirs.get(i).resolve("view.json");
      if (!Files.isRegularFile(vj)) {
        full.add(results.get(i));
        continue;
      }
      JsonNode dims;
      try {
        dims = m.readTree(vj.toFile()).path("dimensions");
      } catch (IOException e) {
        throw new UncheckedIOException(vj + ": " + e.getMessage(), e);
      }
      views.add(results.get(i));
      EpisodeResult r = results.get(i);
      dims.properties()
          .forEach(
              e ->
                  groups
                      .computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                      .computeIfAbsent(e.getValue().asText(), k -> new ArrayList<>())
                      .add(r));
    }
    Map<String, Map<String, SuiteReport.Breakdown>> by = new LinkedHashMap<>();
    groups.forEach(
        (dim, values) -> {
          Map<String, SuiteReport.Breakdown> b = new LinkedHashMap<>();
          values.forEach((v, rs) -> b.put(v, SuiteReport.breakdown(rs)));
          by.put(dim, b);
        });
    return new ViewBreakdown(SuiteReport.breakdown(full), SuiteReport.breakdown(views), by);
  }
}
