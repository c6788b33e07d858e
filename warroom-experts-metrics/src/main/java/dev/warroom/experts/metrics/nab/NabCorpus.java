package dev.warroom.experts.metrics.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A NAB corpus folder laid out as in the NAB repository: {@code data/<dir>/<file>.csv} (columns
 * {@code timestamp,value}), {@code labels/combined_windows.json} and {@code config/profiles.json}.
 * Only files named in the windows file are loaded, as NAB does.
 *
 * <p>Messy data is scored, not refused: blank lines are skipped; a row with a wrong cell count, a
 * bad timestamp or a value that is not a finite number is skipped; timestamps that repeat or go
 * backwards are kept in file order; a window that no longer covers two rows is dropped. Each of
 * these is listed in {@link #dataIssues()} as {@code file:line: what}.
 */
public record NabCorpus(
    Path root, List<NabDataFile> files, List<CostProfile> profiles, List<String> dataIssues) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Issues listed per data file before the rest are only counted. */
  static final int ISSUES_PER_FILE = 20;

  public NabCorpus {
    files = List.copyOf(files);
    profiles = List.copyOf(profiles);
    dataIssues = List.copyOf(dataIssues);
  }

  /** A corpus without data issues. */
  public NabCorpus(Path root, List<NabDataFile> files, List<CostProfile> profiles) {
    this(root, files, profiles, List.of());
  }

  /** The category of a file: the folder under {@code data/} ({@code realAWSCloudwatch}). */
  public static String categoryOf(NabDataFile f) {
    int slash = f.relativePath().indexOf('/');
    return slash < 0 ? "" : f.relativePath().substring(0, slash);
  }

  /** The categories of the corpus, in name order. */
  public List<String> categories() {
    return files.stream().map(NabCorpus::categoryOf).distinct().sorted().toList();
  }

  /** The same corpus restricted to the files of {@code categories}. */
  public NabCorpus onlyCategories(java.util.Collection<String> categories) {
    return new NabCorpus(
        root,
        files.stream().filter(f -> categories.contains(categoryOf(f))).toList(),
        profiles,
        dataIssues);
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
    List<String> issues = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = windowsJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> fileIssues = new ArrayList<>();
      NabDataFile f = readDataFile(root, e.getKey(), e.getValue(), windowsFile, fileIssues);
      if (f != null) {
        files.add(f);
      }
      issues.addAll(fileIssues.subList(0, Math.min(ISSUES_PER_FILE, fileIssues.size())));
      if (fileIssues.size() > ISSUES_PER_FILE) {
        issues.add(
            root.resolve("data").resolve(e.getKey())
                + ": "
                + (fileIssues.size() - ISSUES_PER_FILE)
                + " more issues");
      }
    }
    files.sort((a, b) -> a.relativePath().compareTo(b.relativePath()));
    return new NabCorpus(root, files, readProfiles(profilesFile), issues);
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

  /** The data file, or null (with an issue) when nothing of it can be scored. */
  private static NabDataFile readDataFile(
      Path root, String relativePath, JsonNode windowsJson, Path windowsFile, List<String> issues) {
    Path csv = root.resolve("data").resolve(relativePath);
    if (!Files.isRegularFile(csv)) {
      issues.add(csv + ": missing data file named in " + windowsFile + " (file not scored)");
      return null;
    }
    SimpleCsv table = SimpleCsv.read(csv, issues);
    int tCol = table.column("timestamp");
    int vCol = table.column("value");
    List<long[]> kept = new ArrayList<>(); // {timestamp, row}
    List<Double> values = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < table.rows().size(); i++) {
      String where = csv + ":" + table.lineNumbers().get(i);
      String[] row = table.rows().get(i);
      long t;
      double v;
      try {
        t = NabTimestamps.parseSeconds(row[tCol], where);
        v = SimpleCsv.parseDouble(row[vCol], where);
      } catch (IllegalArgumentException e) {
        issues.add(e.getMessage() + " (row skipped)");
        continue;
      }
      if (!Double.isFinite(v)) {
        issues.add(where + ": value is not finite: '" + row[vCol] + "' (row skipped)");
        continue;
      }
      if (t < previous) {
        issues.add(
            where
                + ": timestamp goes back "
                + (previous - t)
                + " s to '"
                + row[tCol].trim()
                + "' (row kept, rows scored in file order)");
      }
      previous = t;
      kept.add(new long[] {t});
      values.add(v);
    }
    long[] ts = new long[kept.size()];
    double[] vs = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = kept.get(i)[0];
      vs[i] = values.get(i);
    }
    List<NabWindow> windows = new ArrayList<>();
    int from = 0;
    for (JsonNode w : windowsJson) {
      String where = windowsFile + ": " + relativePath;
      if (!w.isArray() || w.size() != 2) {
        throw new IllegalArgumentException(where + ": a window is not [start, end]");
      }
      NabWindow window =
          new NabWindow(
              NabTimestamps.parseSeconds(w.get(0).asText(), where),
              NabTimestamps.parseSeconds(w.get(1).asText(), where));
      int[] rows = NabDataFile.place(ts, from, window);
      if (rows == null) {
        issues.add(where + ": window " + w + " covers fewer than 2 rows (window dropped)");
        continue;
      }
      windows.add(window);
      from = rows[1] + 1;
    }
    if (ts.length < 2) {
      issues.add(csv + ": fewer than 2 valid rows (file not scored)");
      return null;
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
