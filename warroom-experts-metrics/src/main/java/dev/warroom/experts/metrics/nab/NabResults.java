package dev.warroom.experts.metrics.nab;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads what NAB publishes for a detector: the per-row results files {@code
 * results/<detector>/<dir>/<detector>_<file>.csv} (columns {@code anomaly_score} and {@code
 * S(t)_<profile>}) and the optimised thresholds of {@code config/thresholds.json}.
 */
public final class NabResults {
  private NabResults() {}

  /** One published results file: the detector's anomaly scores and NAB's S(t) per profile. */
  public record ResultsFile(String relativePath, double[] anomalyScores, Map<String, double[]> st) {
    public ResultsFile {
      st = Map.copyOf(st);
    }
  }

  /**
   * The results files of {@code detector} for the files of the corpus that have one with as many
   * rows as the loaded data file (files whose bad rows were skipped are left out).
   */
  public static Map<String, ResultsFile> read(NabCorpus corpus, String detector) {
    Map<String, ResultsFile> out = new HashMap<>();
    for (NabDataFile f : corpus.files()) {
      Path rel = Path.of(f.relativePath());
      Path csv =
          corpus
              .root()
              .resolve("results")
              .resolve(detector)
              .resolve(rel.getParent() == null ? Path.of("") : rel.getParent())
              .resolve(detector + "_" + rel.getFileName());
      if (!Files.isRegularFile(csv)) {
        continue; // nothing published for this file
      }
      SimpleCsv table = SimpleCsv.read(csv);
      if (table.rows().size() != f.size()) {
        continue; // rows of the data file were skipped: the published rows no longer line up
      }
      double[] scores = column(table, "anomaly_score");
      Map<String, double[]> st = new HashMap<>();
      for (CostProfile p : corpus.profiles()) {
        String name = "S(t)_" + p.name();
        if (table.header().contains(name)) {
          st.put(p.name(), column(table, name));
        }
      }
      out.put(f.relativePath(), new ResultsFile(f.relativePath(), scores, st));
    }
    return out;
  }

  /** {@code detector -> profile -> (threshold, raw score)} from NAB's thresholds file. */
  public static Map<String, Map<String, ThresholdChoice>> thresholds(Path thresholdsJson) {
    JsonNode root = NabCorpus.readJson(thresholdsJson);
    Map<String, Map<String, ThresholdChoice>> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> d = it.next();
      Map<String, ThresholdChoice> byProfile = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> pi = d.getValue().fields(); pi.hasNext(); ) {
        Map.Entry<String, JsonNode> p = pi.next();
        byProfile.put(
            p.getKey(),
            new ThresholdChoice(
                p.getKey(),
                p.getValue().path("threshold").asDouble(Double.NaN),
                p.getValue().path("score").asDouble(Double.NaN)));
      }
      out.put(d.getKey(), byProfile);
    }
    return out;
  }

  private static double[] column(SimpleCsv table, String name) {
    int c = table.column(name);
    double[] out = new double[table.rows().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = SimpleCsv.parseDouble(table.rows().get(i)[c], table.file() + ":" + (i + 2));
    }
    return out;
  }
}
