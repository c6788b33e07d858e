package dev.warroom.experts.traces;

import dev.warroom.model.Span;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGeneratorFactory;

/**
 * Benchmark of {@link TraceExpert#analyze}: a baseline and an incident of synthetic shop traces
 * (the incident with a slow, failing payment service), {@code spans} spans each, analysed {@code
 * repetitions} times after two warm-up runs. Run with {@code warroom bench traces} or this class's
 * {@code main [spans] [repetitions]}.
 */
public final class TraceBenchmark {
  private TraceBenchmark() {}

  /**
   * Timings of one benchmark run, milliseconds per analysis of {@code spans} incident spans: wall
   * time, and the CPU time of the analysing thread (the analysis is single-threaded, so on an idle
   * machine the two agree; on a shared one the CPU time is the fairer figure).
   */
  public record Result(
      int spans,
      int repetitions,
      double medianMs,
      double minMs,
      double maxMs,
      double medianCpuMs) {}

  /** Runs the benchmark; the workload is fixed by {@code seed}. */
  public static Result run(int spans, int repetitions, long seed) {
    if (spans < 1 || repetitions < 1) {
      throw new IllegalArgumentException(
          "spans and repetitions must be >= 1: " + spans + ", " + repetitions);
    }
    var random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<Span> baseline = new SyntheticTraces(random, null, t0).generate(spans);
    List<Span> incident =
        new SyntheticTraces(
                random, new SyntheticTraces.Fault("payment", 40, 0.05), t0.plusSeconds(3600))
            .generate(spans);
    TraceExpert expert = TraceExpert.withDefaults();
    for (int i = 0; i < 2; i++) {
      expert.analyze(baseline, incident);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] ms = new double[repetitions];
    double[] cpu = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long c = threads.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      expert.analyze(baseline, incident);
      ms[i] = (System.nanoTime() - t) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
    }
    Arrays.sort(ms);
    Arrays.sort(cpu);
    return new Result(
        incident.size(), repetitions, median(ms), ms[0], ms[repetitions - 1], median(cpu));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** {@code [spans] [repetitions]}, defaults 100000 and 7. */
  public static void main(String[] args) {
    int spans = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Result r = run(spans, reps, 42);
    System.out.printf(
        "traces: %d incident spans (+ as many baseline) analysed in median %.1f ms wall, %.1f ms"
            + " CPU (min %.1f, max %.1f wall, %d runs)%n",
        r.spans(), r.medianMs(), r.medianCpuMs(), r.minMs(), r.maxMs(), r.repetitions());
  }
}
