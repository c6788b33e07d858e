package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.experts.metrics.ChangeRanker;
import dev.warroom.experts.metrics.SyntheticSeries;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.TimeWindow;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom bench metrics}: times {@link ChangeRanker#rank} over many synthetic series with
 * known level shifts and reports the median wall time and how many shifted series made the top.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = "Benchmarks ranking which of many metric series changed at an incident's onset.",
    footer = {"", "Example:", "  warroom bench metrics --series 10000 --points 1440 --runs 7"})
final class BenchMetricsCommand implements Callable<Integer> {
  /**
   * Injected shift in noise sigmas. Noise is 2% of the level and the daily swing up to ±20%, so 40
   * sigmas is an 80% level shift: large enough that a plain (non-seasonal) BARO score must find it
   * whatever the time of day. The benchmark measures speed; recall is a sanity check.
   */
  private static final double SHIFT_SIGMAS = 40.0;

  @Spec CommandSpec spec;

  @Option(
      names = "--series",
      defaultValue = "10000",
      description = "number of series (default ${DEFAULT-VALUE})")
  int series;

  @Option(
      names = "--points",
      defaultValue = "1440",
      description = "points per series (default ${DEFAULT-VALUE})")
  int points;

  @Option(
      names = "--runs",
      defaultValue = "7",
      description = "timed runs after 2 warm-ups (default ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (series < 1 || points < 10 || runs < 1) {
      throw new IllegalArgumentException("--series >= 1, --points >= 10 and --runs >= 1 required");
    }
    long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    int shiftAt = points * 5 / 6;
    int shiftEvery = 100;
    List<MetricSeries> data =
        SyntheticSeries.generate(
            new SplittableRandom(seed),
            series,
            points,
            start,
            60_000,
            shiftEvery,
            shiftAt,
            SHIFT_SIGMAS);
    TimeWindow incident =
        new TimeWindow(
            Instant.ofEpochMilli(start + (shiftAt - 30) * 60_000L),
            Instant.ofEpochMilli(start + points * 60_000L));
    Instant onset = Instant.ofEpochMilli(start + shiftAt * 60_000L);
    List<ChangeRanker.RankedChange> ranked = null;
    for (int i = 0; i < 2; i++) {
      ranked = ChangeRanker.rank(data, incident, onset);
    }
    double[] millis = new double[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      ranked = ChangeRanker.rank(data, incident, onset);
      millis[r] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(millis);
    double median = millis[runs / 2];
    int injected = (series + shiftEvery - 1) / shiftEvery;
    long hits =
        ranked.stream()
            .limit(injected)
            .filter(c -> Integer.parseInt(c.component().substring(4)) % shiftEvery == 0)
            .count();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("series", series);
      m.put("points", points);
      m.put("runs", runs);
      m.put("medianMillis", median);
      m.put("minMillis", millis[0]);
      m.put("maxMillis", millis[runs - 1]);
      m.put("injectedShifts", injected);
      m.put("injectedInTop", hits);
      m.put("cpus", Runtime.getRuntime().availableProcessors());
      out.println(new ObjectMapper().writeValueAsString(m));
    } else {
      out.printf(
          Locale.ROOT,
          "ChangeRanker.rank: %d series x %d points, %d runs on %d CPUs: median %.0f ms (min %.0f, max %.0f); %d of %d injected shifts in the top %d%n",
          series,
          points,
          runs,
          Runtime.getRuntime().availableProcessors(),
          median,
          millis[0],
          millis[runs - 1],
          hits,
          injected,
          injected);
    }
    out.flush();
    return 0;
  }
}
