package dev.warroom.experts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

/**
 * The router's labelled corpus. Two parts:
 *
 * <ul>
 *   <li>synthetic samples of every {@link InputKind} from hand-written generators ({@link
 *       LogSamples}, {@link TelemetrySamples}, {@link CodeSamples}); train and test use different
 *       seeds, so no test sample is a training sample;
 *   <li>real public data from {@code ../shared/datasets} when present: chunks of Loghub-2k logs
 *       (HDFS, Hadoop, Spark and Zookeeper are log4j layouts, Linux is syslog, BGL, HealthApp and
 *       Proxifier are other plain layouts), NAB series CSVs and PetShop metric tables. The split is
 *       by position or by file: the first 70% of each Loghub file, NAB's artificial series and
 *       PetShop's low-traffic tables train; the last 30% of each Loghub file, NAB's AWS CloudWatch
 *       series and PetShop's high-traffic tables test.
 * </ul>
 */
public final class RouterCorpus {
  static final long TRAIN_SEED = 20_260_101L;
  static final long TEST_SEED = 77_777L;
  static final int TRAIN_PER_KIND = 250;
  static final int TEST_PER_KIND = 100;
  private static final Map<String, InputKind> LOGHUB =
      Map.of(
          "HDFS", InputKind.LOG_JAVA,
          "Hadoop", InputKind.LOG_JAVA,
          "Spark", InputKind.LOG_JAVA,
          "Zookeeper", InputKind.LOG_JAVA,
          "Linux", InputKind.LOG_SYSLOG,
          "BGL", InputKind.LOG_PLAIN,
          "HealthApp", InputKind.LOG_PLAIN,
          "Proxifier", InputKind.LOG_PLAIN);

  private RouterCorpus() {}

  /** A train/test split. */
  public record Split(List<LabelledInput> train, List<LabelledInput> test) {
    public Split {
      train = List.copyOf(train);
      test = List.copyOf(test);
    }
  }

  /** {@code perKind} synthetic samples of every kind from the generators, seeded. */
  public static List<LabelledInput> synthetic(long seed, int perKind) {
    Gen g = new Gen(RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
    List<LabelledInput> out = new ArrayList<>();
    for (InputKind kind : InputKind.values()) {
      for (int i = 0; i < perKind; i++) {
        out.add(new LabelledInput(generate(kind, g), kind, "synthetic"));
      }
    }
    return out;
  }

  static String generate(InputKind kind, Gen g) {
    return switch (kind) {
      case LOG_JSON_LINES,
          LOG_SYSLOG,
          LOG_LOGFMT,
          LOG_JAVA,
          LOG_PYTHON,
          LOG_GO,
          LOG_NODE,
          LOG_ACCESS,
          LOG_PLAIN ->
          LogSamples.sample(kind, g);
      case METRICS_CSV_LONG,
          METRICS_CSV_WIDE,
          METRICS_PROMETHEUS,
          METRICS_OTLP_JSON,
          TRACE_ZIPKIN_JSON,
          TRACE_OTLP_JSON,
          K8S_EVENTS ->
          TelemetrySamples.sample(kind, g);
      case SQL_STATEMENT,
          SQL_PLAN,
          STACK_TRACE_JAVA,
          STACK_TRACE_PYTHON,
          STACK_TRACE_GO,
          STACK_TRACE_NODE,
          STACK_TRACE_DOTNET,
          SOURCE_JAVA,
          SOURCE_PYTHON,
          SOURCE_GO,
          SOURCE_JAVASCRIPT ->
          CodeSamples.sample(kind, g);
    };
  }

  /**
   * The full split: synthetic train and test, plus the real public data under {@code datasets}
   * ({@code null} for synthetic only).
   */
  public static Split split(Path datasets) throws IOException {
    List<LabelledInput> train = new ArrayList<>(synthetic(TRAIN_SEED, TRAIN_PER_KIND));
    List<LabelledInput> test = new ArrayList<>(synthetic(TEST_SEED, TEST_PER_KIND));
    if (datasets != null) {
      RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(TRAIN_SEED);
      loghub(datasets.resolve("loghub-2k"), r, train, test);
      nab(datasets.resolve("nab").resolve("data"), r, train, test);
      petshop(datasets.resolve("petshop"), r, train, test);
    }
    return new Split(train, test);
  }

  private static void loghub(
      Path dir, RandomGenerator r, List<LabelledInput> train, List<LabelledInput> test)
      throws IOException {
    // sorted: Map.of iterates in a per-JVM random order, which made training order, and so the
    // trained router, differ from run to run
    for (Map.Entry<String, InputKind> e : new java.util.TreeMap<>(LOGHUB).entrySet()) {
      Path file = dir.resolve(e.getKey()).resolve(e.getKey() + "_2k.log");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      int cut = lines.size() * 7 / 10;
      String source = "loghub/" + e.getKey();
      chunks(lines.subList(0, cut), 60, r, e.getValue(), source, train, null);
      chunks(lines.subList(cut, lines.size()), 30, r, e.getValue(), source, test, null);
    }
  }

  private static void nab(
      Path dir, RandomGenerator r, List<LabelledInput> train, List<LabelledInput> test)
      throws IOException {
    for (Path file : csvFiles(dir)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      boolean isTrain = file.getParent().getFileName().toString().startsWith("artificial");
      String source = "nab/" + file.getParent().getFileName() + "/" + file.getFileName();
      chunks(
          lines.subList(1, lines.size()),
          8,
          r,
          InputKind.METRICS_CSV_WIDE,
          source,
          isTrain ? train : test,
          lines.get(0));
    }
  }

  private static void petshop(
      Path dir, RandomGenerator r, List<LabelledInput> train, List<LabelledInput> test)
      throws IOException {
    for (Path file : csvFiles(dir)) {
      if (!file.getFileName().toString().equals("metrics.csv")) {
        continue;
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() < 5) {
        continue;
      }
      String header = String.join("\n", lines.subList(0, 4));
      boolean isTrain = dir.relativize(file).startsWith("low_traffic");
      chunks(
          lines.subList(4, lines.size()),
          3,
          r,
          InputKind.METRICS_CSV_WIDE,
          "petshop/" + dir.relativize(file),
          isTrain ? train : test,
          header);
    }
  }

  /** {@code count} random runs of 1 to 30 consecutive lines, each optionally under a header. */
  private static void chunks(
      List<String> lines,
      int count,
      RandomGenerator r,
      InputKind kind,
      String source,
      List<LabelledInput> out,
      String header) {
    if (lines.isEmpty()) {
      return;
    }
    for (int i = 0; i < count; i++) {
      int len = 1 + r.nextInt(Math.min(30, lines.size()));
      int from = r.nextInt(lines.size() - len + 1);
      String body = String.join("\n", lines.subList(from, from + len));
      out.add(new LabelledInput(header == null ? body : header + "\n" + body, kind, source));
    }
  }

  private static List<Path> csvFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".csv"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
  }
}
