package dev.warroom.experts.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scores {@link TemplateMiner} on Loghub-style data: a folder with one sub-folder per system, each
 * holding {@code <System>_2k.log_structured_corrected.csv} (or {@code …_structured.csv}) with
 * {@code Content} and {@code EventTemplate} columns. The message is the {@code Content} column —
 * the dataset's own split of header and message, the same split Loghub's per-system {@code
 * log_format} produces — so no per-system setting is needed. Every system is mined with the same
 * {@link MinerConfig}.
 *
 * <p>PA compares templates after Loghub-2.0's {@code correct_template_general} normalisation,
 * applied to both sides: {@code <*>.<*>}, {@code <*><*>}, {@code <*>:<*>} and {@code <*> <*>}
 * collapse to {@code <*>}.
 */
public final class LoghubEvaluator {
  private LoghubEvaluator() {}

  /** One labelled message. */
  record LabelledLine(String content, String truthTemplate) {}

  /** Scores every system folder under {@code dataDir}, in name order. */
  public static LogParseReport evaluate(Path dataDir, MinerConfig config) throws IOException {
    List<LogParseScore> scores = new ArrayList<>();
    readAll(dataDir).forEach((system, lines) -> scores.add(score(system, lines, config)));
    return new LogParseReport(scores);
  }

  /** The labelled lines of every system folder under {@code dataDir}, in name order. */
  static Map<String, List<LabelledLine>> readAll(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("--data: not a directory: " + dataDir);
    }
    List<Path> systems;
    try (Stream<Path> s = Files.list(dataDir)) {
      systems = s.filter(Files::isDirectory).sorted().toList();
    }
    Map<String, List<LabelledLine>> out = new java.util.LinkedHashMap<>();
    for (Path dir : systems) {
      Path csv = structuredFile(dir);
      if (csv != null) {
        out.put(dir.getFileName().toString(), read(csv));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "--data: no <System>/<System>*_structured*.csv under " + dataDir);
    }
    return out;
  }

  /**
   * The same scoring from the raw {@code <System>*.log} files: each line's message is cut out with
   * the system's {@link LogFormat} (Loghub's {@code log_format}, e.g. {@link LogFormat#loghub()}),
   * and the truth templates come from the structured file, line by line. Systems without a format
   * are skipped.
   */
  public static LogParseReport evaluateRaw(
      Path dataDir, MinerConfig config, Map<String, LogFormat> formats) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException("--data: not a directory: " + dataDir);
    }
    List<Path> systems;
    try (Stream<Path> s = Files.list(dataDir)) {
      systems = s.filter(Files::isDirectory).sorted().toList();
    }
    List<LogParseScore> scores = new ArrayList<>();
    for (Path dir : systems) {
      String system = dir.getFileName().toString();
      LogFormat format = formats.get(system);
      Path csv = structuredFile(dir);
      Path raw = dir.resolve(system + "_2k.log");
      if (format == null || csv == null || !Files.isRegularFile(raw)) {
        continue;
      }
      List<LabelledLine> truth = read(csv);
      List<String> lines = Files.readAllLines(raw, StandardCharsets.UTF_8);
      lines = lines.stream().filter(l -> !l.isBlank()).toList();
      if (lines.size() != truth.size()) {
        throw new IllegalArgumentException(
            raw + ": " + lines.size() + " lines, " + csv.getFileName() + " has " + truth.size());
      }
      List<LabelledLine> labelled = new ArrayList<>(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        int lineNo = i + 1;
        String content =
            format
                .content(lines.get(i))
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            raw + ":" + lineNo + ": does not match log format " + format));
        labelled.add(new LabelledLine(content, truth.get(i).truthTemplate()));
      }
      scores.add(score(system, labelled, config));
    }
    if (scores.isEmpty()) {
      throw new IllegalArgumentException(
          "--data: no <System>/<System>_2k.log with a known log format under " + dataDir);
    }
    return new LogParseReport(scores);
  }

  private static Path structuredFile(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> csvs =
          s.filter(p -> p.getFileName().toString().endsWith("_structured_corrected.csv"))
              .sorted()
              .toList();
      if (!csvs.isEmpty()) {
        return csvs.get(0);
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith("_structured.csv"))
          .sorted()
          .findFirst()
          .orElse(null);
    }
  }

  static List<LabelledLine> read(Path csv) throws IOException {
    String source = csv.toString();
    List<List<String>> rows =
        LoghubCsv.parse(Files.readString(csv, StandardCharsets.UTF_8), source);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(source + ":1: empty file");
    }
    List<String> header = rows.get(0);
    int content = header.indexOf("Content");
    int template = header.indexOf("EventTemplate");
    if (content < 0 || template < 0) {
      throw new IllegalArgumentException(
          source + ":1: header lacks Content or EventTemplate: " + header);
    }
    List<LabelledLine> out = new ArrayList<>(rows.size());
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      if (r.size() != header.size()) {
        throw new IllegalArgumentException(
            source + ":" + (i + 1) + ": " + r.size() + " fields, header has " + header.size());
      }
      out.add(new LabelledLine(r.get(content), r.get(template)));
    }
    return out;
  }

  /** Mines the lines in order with a fresh miner and scores GA and PA. */
  static LogParseScore score(String system, List<LabelledLine> lines, MinerConfig config) {
    TemplateMiner miner = new TemplateMiner(config);
    int[] ids = new int[lines.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = miner.add(lines.get(i).content());
    }
    miner.consolidate();
    String[] truth = new String[ids.length];
    String[] mined = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = miner.templateId(ids[i]);
      truth[i] = lines.get(i).truthTemplate();
      mined[i] = miner.template(ids[i]);
    }
    return new LogParseScore(
        system,
        ids.length,
        (int) java.util.Arrays.stream(truth).distinct().count(),
        (int) java.util.Arrays.stream(ids).distinct().count(),
        groupAccuracy(ids, truth),
        parsingAccuracy(mined, truth));
  }

  /** Loghub GA: a mined group counts when it holds exactly the lines of one true group. */
  static double groupAccuracy(int[] mined, String[] truth) {
    if (mined.length == 0) {
      return 0;
    }
    Map<String, Integer> truthSize = new HashMap<>();
    for (String t : truth) {
      truthSize.merge(t, 1, Integer::sum);
    }
    Map<Integer, List<Integer>> groups = new HashMap<>();
    for (int i = 0; i < mined.length; i++) {
      groups.computeIfAbsent(mined[i], k -> new ArrayList<>()).add(i);
    }
    long correct = 0;
    for (List<Integer> g : groups.values()) {
      String label = truth[g.get(0)];
      boolean pure = g.stream().allMatch(i -> truth[i].equals(label));
      if (pure && truthSize.get(label) == g.size()) {
        correct += g.size();
      }
    }
    return (double) correct / mined.length;
  }

  /** Loghub-2.0 PA: the normalised mined template equals the normalised true one. */
  static double parsingAccuracy(String[] mined, String[] truth) {
    if (mined.length == 0) {
      return 0;
    }
    long correct = 0;
    for (int i = 0; i < mined.length; i++) {
      if (normalise(mined[i]).equals(normalise(truth[i]))) {
        correct++;
      }
    }
    return (double) correct / mined.length;
  }

  /** Loghub-2.0's correct_template_general, without regular expressions. */
  static String normalise(String template) {
    String t = template.strip();
    String prev;
    do {
      prev = t;
      t = t.replace("<*>.<*>", "<*>");
    } while (!t.equals(prev));
    do {
      prev = t;
      t = t.replace("<*><*>", "<*>").replace("<*>:<*>", "<*>").replace("<*> <*>", "<*>");
    } while (!t.equals(prev));
    return t;
  }
}
