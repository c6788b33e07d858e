package dev.warroom.store.bench;

import dev.warroom.model.TimeWindow;
import dev.warroom.store.LogQuery;
import dev.warroom.store.bundle.ProgressListener;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ingest benchmark: generates a log, a span and a metric bundle ({@link BenchBundleGenerator}),
 * loads each into a fresh in-memory {@link DuckDbStore} from the files ({@code ingest(Path)}:
 * parse, validate, append, commit) several times, and reports the median throughput; then times a
 * query over the stored logs filtered by service and body regex. Peak memory is the JVM heap
 * high-water mark of the runs and the process's resident high-water mark (which includes DuckDB's
 * native memory).
 */
public final class IngestBenchmark {
  /** What to generate and how often to repeat. */
  public record Options(int logs, int spans, int points, int runs, long seed, Path workDir) {
    public Options {
      if (logs < 1 || spans < 1 || points < 1000 || runs < 1) {
        throw new IllegalArgumentException("logs, spans >= 1, points >= 1000, runs >= 1");
      }
    }
  }

  /**
   * Median figures: wall-clock throughput, and throughput per second of process CPU time (all
   * threads), which does not depend on how busy a shared machine is.
   */
  public record Result(
      double logsPerSecond,
      double spansPerSecond,
      double pointsPerSecond,
      double logsPerCpuSecond,
      double spansPerCpuSecond,
      double pointsPerCpuSecond,
      double logQueryMillis,
      long logQueryRows,
      long peakHeapBytes,
      long peakRssBytes) {}

  private IngestBenchmark() {}

  public static Result run(Options o, Consumer<String> log) {
    try {
      Path dir = o.workDir() != null ? o.workDir() : Files.createTempDirectory("warroom-bench");
      Files.createDirectories(dir);
      try {
        log.accept(
            "generating "
                + o.logs()
                + " logs, "
                + o.spans()
                + " spans, "
                + o.points()
                + " points in "
                + dir);
        BenchBundleGenerator.logs(dir.resolve("logs"), o.logs(), 30, o.seed());
        BenchBundleGenerator.spans(dir.resolve("spans"), o.spans(), 30, o.seed());
        BenchBundleGenerator.metrics(dir.resolve("metrics"), o.points(), 500, o.seed());
        resetPeaks();
        double[] logs = rates(o.runs(), dir.resolve("logs"), o.logs(), "logs", log);
        double[] spans = rates(o.runs(), dir.resolve("spans"), o.spans(), "spans", log);
        double[] points =
            rates(o.runs(), dir.resolve("metrics"), o.points() / 500 * 500, "points", log);
        long heap = peakHeap();
        double[] q = new double[2];
        try (DuckDbStore store = DuckDbStore.inMemory()) {
          store.ingest(dir.resolve("logs"), ProgressListener.NONE);
          LogQuery query =
              LogQuery.all((TimeWindow) null)
                  .withServices("svc-3")
                  .withRegex("timeout after [0-9]+ ms")
                  .withLimit(100_000);
          q[0] =
              median(
                  Math.max(3, o.runs()),
                  () -> {
                    long t = System.nanoTime();
                    q[1] = store.logs(query).size();
                    return (System.nanoTime() - t) / 1e6;
                  },
                  "ms per log query (service + regex)",
                  log);
        }
        return new Result(
            logs[0],
            spans[0],
            points[0],
            logs[1],
            spans[1],
            points[1],
            q[0],
            (long) q[1],
            heap,
            peakRss());
      } finally {
        if (o.workDir() == null) {
          deleteTree(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Median {wall-clock rate, CPU-time rate} of loading a bundle into a fresh store. */
  private static double[] rates(
      int runs, Path bundle, long count, String unit, Consumer<String> log) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    try (DuckDbStore warmUp = DuckDbStore.inMemory()) {
      warmUp.ingest(bundle, ProgressListener.NONE); // JIT warm-up, not measured
    }
    for (int i = 0; i < runs; i++) {
      try (DuckDbStore store = DuckDbStore.inMemory()) {
        long c = os.getProcessCpuTime();
        long t = System.nanoTime();
        store.ingest(bundle, ProgressListener.NONE);
        double w = count / ((System.nanoTime() - t) / 1e9);
        double p = count / ((os.getProcessCpuTime() - c) / 1e9);
        log.accept(
            String.format(
                "  run %d: %,.0f %s/s wall, %,.0f %s per CPU-second", i + 1, w, unit, p, unit));
        wall.add(w);
        cpu.add(p);
      }
    }
    wall.sort(Comparator.naturalOrder());
    cpu.sort(Comparator.naturalOrder());
    return new double[] {wall.get(runs / 2), cpu.get(runs / 2)};
  }

  private interface Measure {
    double once();
  }

  private static double median(int runs, Measure m, String unit, Consumer<String> log) {
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      double x = m.once();
      log.accept(String.format("  run %d: %,.0f %s", i + 1, x, unit));
      xs.add(x);
    }
    xs.sort(Comparator.naturalOrder());
    return xs.get(xs.size() / 2);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** VmHWM of /proc/self/status in bytes; -1 where there is no procfs. */
  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** {@code java … IngestBenchmark [logs spans points runs]}. */
  public static void main(String[] args) {
    int logs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int spans = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    int points = args.length > 2 ? Integer.parseInt(args[2]) : 3_000_000;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Result r = run(new Options(logs, spans, points, runs, 42, null), System.out::println);
    System.out.println(r);
  }
}
