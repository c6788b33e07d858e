package dev.warroom.experts.metrics.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NAB corpus folder laid out as in the NAB repository: {@code data/<dir>/<file>.csv} (columns
 * {@code timestamp,value}), {@code labels/combined_windows.json} and {@code config/profiles.json}.
 * Only files named in the windows file are loaded, as NAB does; every window end must be the
 * timestamp of a row, else loading fails naming the file.
 */
public record NabCorpus(Path root, List<NabDataFile> files, List<CostProfile> profiles) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public NabCorpus {
    files = List.copyOf(files);
    profiles = List.copyOf(profiles);
  }

  /** Loads the corpus at {@code root}. */
  public static NabCorpus load(Path root) {
    Path windowsFile = root.resolve("labels/combined_windows.json");
    Path profilesFile = root.resolve("config/profiles.json");
    for (Path p : List.of(windowsFile, profilesFile, root.resolve("data"))) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException(root + ": not a NAB corpus, missing " + p);
      }
    }
    JsonNode windowsJson = readJson(windowsFile);
    List<NabDataFile> files = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = windowsJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      files.add(readDataFile(root, e.getKey(), e.getValue(), windowsFile));
    }
    files.sort((a, b) -> a.relativePath().compareTo(b.relativePath()));
    return new NabCorpus(root, files, readProfiles(profilesFile));
  }

  /** The number of labelled windows: NAB's perfect score is this times the tp weight. */
  public int windowCount() {
    return files.stream().mapToInt(f -> f.windows().size()).sum();
  }

  public CostProfile profile(String name) {
    return profiles.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown NAB profile: " + name));
  }

  static List<CostProfile> readProfiles(Path file) {
    JsonNode root = readJson(file);
    List<CostProfile> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode m = e.getValue().path("CostMatrix");
      for (String w : List.of("tpWeight", "fpWeight", "fnWeight")) {
        if (!m.path(w).isNumber()) {
          throw new IllegalArgumentException(file + ": profile " + e.getKey() + " lacks " + w);
        }
      }
      out.add(
          new CostProfile(
              e.getKey(),
              m.get("tpWeight").asDouble(),
              m.get("fpWeight").asDouble(),
              m.get("fnWeight").asDouble()));
    }
    return out;
  }

  private static NabDataFile readDataFile(
      Path root, String relativePath, JsonNode windowsJson, Path windowsFile) {
    Path csv = root.resolve("data").resolve(relativePath);
    SimpleCsv table = SimpleCsv.read(csv);
    int tCol = table.column("timestamp");
    int vCol = table.column("value");
    long[] ts = new long[table.rows().size()];
    double[] vs = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      String where = csv + ":" + (i + 2);
      ts[i] = NabTimestamps.parseSeconds(table.rows().get(i)[tCol], where);
      vs[i] = SimpleCsv.parseDouble(table.rows().get(i)[vCol], where);
    }
    Map<Long, Integer> rowOf = new LinkedHashMap<>();
    for (int i = 0; i < ts.length; i++) {
      rowOf.put(ts[i], i);
    }
    List<NabWindow> windows = new ArrayList<>();
    for (JsonNode w : windowsJson) {
      String where = windowsFile + ": " + relativePath;
      if (!w.isArray() || w.size() != 2) {
        throw new IllegalArgumentException(where + ": a window is not [start, end]");
      }
      long start = NabTimestamps.parseSeconds(w.get(0).asText(), where);
      long end = NabTimestamps.parseSeconds(w.get(1).asText(), where);
      if (!rowOf.containsKey(start) || !rowOf.containsKey(end)) {
        throw new IllegalArgumentException(
            where + ": window " + w + " does not start and end on timestamps of the file");
      }
      windows.add(new NabWindow(start, end));
    }
    return new NabDataFile(relativePath, ts, vs, windows);
  }

  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
