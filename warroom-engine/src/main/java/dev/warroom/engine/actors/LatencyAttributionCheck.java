package dev.warroom.engine.actors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.engine.agents.Budget;
import dev.warroom.engine.agents.DialectProfile;
import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.agents.TelemetryAgent;
import dev.warroom.model.Alert;
import dev.warroom.model.Incident;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares {@code trace_analysis}'s two paths on labelled gym bundles: the traces expert's
 * self-time attribution on the raw spans, and its estimate from the store's per-operation
 * aggregates. For each episode it prints the true root-cause service ("-" for a no-fault control),
 * each path's top slow service ("-" when none) and its wall time; then how often each top service
 * was the truth on fault episodes, and on how many controls each path named a slow service at all.
 *
 * <pre>
 * java -cp warroom-cli/target/warroom.jar dev.warroom.engine.actors.LatencyAttributionCheck \
 *     /tmp/s/dev200/*-{cpu_hog,network_latency,packet_loss,performance_regression}-*
 * </pre>
 */
public final class LatencyAttributionCheck {
  private LatencyAttributionCheck() {}

  /** {@code BUNDLE...}: gym episode folders (with truth.json). */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: LatencyAttributionCheck BUNDLE...");
    }
    ObjectMapper json = new ObjectMapper();
    // The desk trains its router once per process; keep that out of the first episode's time.
    dev.warroom.engine.agents.ExpertDesk.defaults();
    int episodes = 0;
    int rawHits = 0;
    int aggregateHits = 0;
    int controls = 0;
    int rawFlagged = 0;
    int aggregateFlagged = 0;
    List<Double> rawMs = new ArrayList<>();
    List<Double> aggregateMs = new ArrayList<>();
    for (String arg : args) {
      Path dir = Path.of(arg);
      Path truthFile = dir.resolve("truth.json");
      if (!Files.isRegularFile(truthFile)) {
        throw new IllegalArgumentException(truthFile + ": missing (not a gym episode)");
      }
      JsonNode truth = json.readTree(truthFile.toFile());
      boolean control = truth.path("control").asBoolean(false);
      String root = control ? "-" : truth.path("root_cause_service").asText();
      try (DuckDbStore store = DuckDbStore.inMemory()) {
        store.ingest(dir, (file, done, total) -> {});
        Alert alert =
            store.alert().orElseThrow(() -> new IllegalArgumentException(dir + ": no alert"));
        TimeWindow w = store.manifest().window();
        long t0 = System.nanoTime();
        String raw = top(store, alert, w, TraceAnalysisActor.DEFAULT_MAX_RAW_SPANS);
        long t1 = System.nanoTime();
        String aggregate = top(store, alert, w, 0);
        long t2 = System.nanoTime();
        if (control) {
          controls++;
          rawFlagged += raw.equals("-") ? 0 : 1;
          aggregateFlagged += aggregate.equals("-") ? 0 : 1;
        } else {
          episodes++;
          rawHits += root.equals(raw) ? 1 : 0;
          aggregateHits += root.equals(aggregate) ? 1 : 0;
        }
        rawMs.add((t1 - t0) / 1e6);
        aggregateMs.add((t2 - t1) / 1e6);
        System.out.printf(
            Locale.ROOT,
            "%-45s truth %-18s raw %-18s (%5.0f ms)  aggregates %-18s (%5.0f ms)%n",
            dir.getFileName(),
            root,
            raw,
            (t1 - t0) / 1e6,
            aggregate,
            (t2 - t1) / 1e6);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d fault episodes: top slow service = root cause: raw spans %d, aggregates %d;"
            + " %d controls with a slow service: raw spans %d, aggregates %d;"
            + " median time raw %.0f ms, aggregates %.0f ms%n",
        episodes,
        rawHits,
        aggregateHits,
        controls,
        rawFlagged,
        aggregateFlagged,
        median(rawMs),
        median(aggregateMs));
  }

  /** trace_analysis's first slow service ("-" when none) with the given raw-span limit. */
  private static String top(DuckDbStore store, Alert alert, TimeWindow w, long maxRawSpans) {
    TelemetryAgent agent =
        new TelemetryAgent(
            new StoreTelemetrySource(store),
            DialectProfile.defaults(),
            new Budget(1_000, Duration.ofMinutes(5), InstantSource.system()));
    InvestigationContext ctx =
        new InvestigationContext(
            new Incident("check", alert, w),
            new TimeWindow(w.start().minus(Duration.ofHours(1)), w.start()),
            agent);
    ctx.setTopologyProvider(store::topology);
    var out = new TraceAnalysisActor(maxRawSpans).run(new TraceAnalysisActor.Input(List.of()), ctx);
    return out.slow_services().isEmpty() ? "-" : out.slow_services().getFirst();
  }

  private static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = xs.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
