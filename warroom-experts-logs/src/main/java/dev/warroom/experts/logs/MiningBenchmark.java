package dev.warroom.experts.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput of {@link TemplateMiner}: replays real messages (the Loghub-2k contents of every
 * system under a folder, in file order, one fresh miner per run) until {@code lines} messages are
 * mined, and reports lines per second for each run and the median. Single-threaded; the time covers
 * masking, routing and template updates, not reading the files.
 *
 * <p>Run: {@code java -cp warroom-experts-logs.jar dev.warroom.experts.logs.MiningBenchmark
 * ../shared/datasets/loghub-2k 2000000 7} or {@code warroom bench logmine}.
 */
public final class MiningBenchmark {
  private MiningBenchmark() {}

  /** Result of one benchmark: lines/s per run and their median. */
  /**
   * Lines per wall-clock second and per CPU second of the mining thread, per run. On a shared,
   * overloaded machine the CPU-time figure is the miner's own speed; the wall figure includes time
   * the thread waited for a core.
   */
  public record Result(
      long linesPerRun,
      int distinctMessages,
      List<Double> linesPerSecond,
      List<Double> linesPerCpuSecond) {
    public Result {
      linesPerSecond = List.copyOf(linesPerSecond);
      linesPerCpuSecond = List.copyOf(linesPerCpuSecond);
    }

    public double median() {
      return medianOf(linesPerSecond);
    }

    public double medianPerCpuSecond() {
      return medianOf(linesPerCpuSecond);
    }

    private static double medianOf(List<Double> values) {
      double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
  }

  /** Runs {@code runs} timed runs of {@code lines} messages each, after one warm-up run. */
  public static Result run(Path loghubDir, long lines, int runs) throws IOException {
    if (lines < 1 || runs < 1) {
      throw new IllegalArgumentException("lines and runs must be positive: " + lines + ", " + runs);
    }
    List<String> messages = new ArrayList<>();
    for (String system : systems(loghubDir)) {
      Path dir = loghubDir.resolve(system);
      try (var files = java.nio.file.Files.list(dir)) {
        Path csv =
            files
                .filter(p -> p.getFileName().toString().endsWith("_structured_corrected.csv"))
                .findFirst()
                .orElse(null);
        if (csv != null) {
          LoghubEvaluator.read(csv).forEach(l -> messages.add(l.content()));
        }
      }
    }
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("no Loghub structured files under " + loghubDir);
    }
    String[] msgs = messages.toArray(new String[0]);
    once(msgs, Math.min(lines, 2_000_000));
    List<Double> rates = new ArrayList<>();
    List<Double> cpuRates = new ArrayList<>();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int r = 0; r < runs; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long sink = once(msgs, lines);
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      if (sink == Long.MIN_VALUE) {
        throw new AssertionError();
      }
      rates.add(lines / ((t1 - t0) / 1e9));
      cpuRates.add(lines / (Math.max(1, c1 - c0) / 1e9));
    }
    return new Result(lines, msgs.length, rates, cpuRates);
  }

  private static long once(String[] msgs, long lines) {
    TemplateMiner miner = TemplateMiner.create();
    long sink = 0;
    for (long i = 0; i < lines; i++) {
      sink += miner.add(msgs[(int) (i % msgs.length)]);
    }
    return sink;
  }

  private static List<String> systems(Path dir) throws IOException {
    try (var s = java.nio.file.Files.list(dir)) {
      return s.filter(java.nio.file.Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/loghub-2k");
    long lines = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Result r = run(dir, lines, runs);
    System.out.printf(
        "mined %d lines x %d runs (%d distinct real messages): median %.0f lines/s wall,"
            + " %.0f lines/CPU-s, runs %s%n",
        lines,
        runs,
        r.distinctMessages(),
        r.median(),
        r.medianPerCpuSecond(),
        Arrays.toString(r.linesPerSecond().stream().mapToLong(Double::longValue).toArray()));
  }
}
