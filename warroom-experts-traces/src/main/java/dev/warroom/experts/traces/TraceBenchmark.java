package dev.warroom.experts.traces;

import dev.warroom.model.Span;
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

  /** Timings of one benchmark run, milliseconds per analysis of {@code spans} incident spans. */
  public record Result(int spans, int repetitions, double medianMs, double minMs, double maxMs) {}

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
    double[] ms = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long t = System.nanoTime();
      expert.analyze(baseline, incident);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    double median =
        repetitions % 2 == 1
            ? ms[repetitions / 2]
            : (ms[repetitions / 2 - 1] + ms[repetitions / 2]) / 2;
    return new Result(incident.size(), repetitions, median, ms[0], ms[repetitions - 1]);
  }

  /** {@code [spans] [repetitions]}, defaults 100000 and 7. */
  public static void main(String[] args) {
    int spans = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Result r = run(spans, reps, 42);
    System.out.printf(
        "traces: %d incident spans (+ as many baseline) analysed in median %.1f ms (min %.1f, max"
            + " %.1f, %d runs)%n",
        r.spans(), r.medianMs(), r.minMs(), r.maxMs(), r.repetitions());
  }
}
