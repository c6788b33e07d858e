package dev.warroom.cli;

import dev.warroom.connectors.CompositeStore;
import dev.warroom.connectors.Connectors;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.connectors.prometheus.LocalPrometheus;
import dev.warroom.engine.agents.WithheldTelemetrySource;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.director.Investigator;
import dev.warroom.gym.Episode;
import dev.warroom.gym.Gym;
import dev.warroom.gym.GymSuite;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.Evidence;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.RcaReport;
import dev.warroom.store.bundle.BundleWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Live parity: gym episodes loaded into real backends and investigated live through the connectors,
 * against the same episodes investigated from their bundles. Each episode's metrics are backfilled
 * into a fresh local Prometheus ({@link LocalPrometheus}) reached through a {@link RecordingProxy};
 * the live investigation goes through {@link Connectors#open} exactly as {@code warroom investigate
 * --sources} does, with the bundle manifest's declared window and baseline (the same inputs the
 * bundle investigation has). With Prometheus the only live source, the live side has metrics only,
 * so the bundle side is a bundle of the episode's metrics, alert and manifest only: the same data
 * on both sides (withholding logs and traces from the Director is not enough, since the embedded
 * store derives a service graph from the spans, and Prometheus has no topology to offer). The top
 * candidate of the full bundle investigated with logs, traces, events, code and database statistics
 * withheld (its topology kept) is reported beside it. Every PromQL native query in the live reports
 * is checked byte for byte against the requests Prometheus received.
 */
final class LiveParity {
  /** The kinds a Prometheus-only live side lacks. */
  static final Set<WithheldTelemetrySource.Kind> NOT_IN_PROMETHEUS =
      EnumSet.of(
          WithheldTelemetrySource.Kind.LOGS,
          WithheldTelemetrySource.Kind.TRACES,
          WithheldTelemetrySource.Kind.EVENTS,
          WithheldTelemetrySource.Kind.CODE,
          WithheldTelemetrySource.Kind.DB);

  /** One episode's outcome. */
  record Row(
      String episode,
      String truth,
      String liveTop,
      String bundleTop,
      String bundleTopWithTopology,
      String liveVerdict,
      String bundleVerdict,
      long liveMillis,
      int nativeQueries,
      int nativeMismatches,
      List<String> liveMissing) {
    boolean same() {
      return liveTop.equals(bundleTop);
    }

    boolean sameAsWithTopology() {
      return liveTop.equals(bundleTopWithTopology);
    }
  }

  /** All episodes' outcomes. */
  record Result(List<Row> rows) {
    int same() {
      return (int) rows.stream().filter(Row::same).count();
    }

    int sameAsWithTopology() {
      return (int) rows.stream().filter(Row::sameAsWithTopology).count();
    }

    long medianLiveMillis() {
      long[] ms = rows.stream().mapToLong(Row::liveMillis).sorted().toArray();
      if (ms.length == 0) {
        return 0;
      }
      return ms.length % 2 == 1
          ? ms[ms.length / 2]
          : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
    }

    int nativeQueries() {
      return rows.stream().mapToInt(Row::nativeQueries).sum();
    }

    int nativeMismatches() {
      return rows.stream().mapToInt(Row::nativeMismatches).sum();
    }
  }

  /**
   * Live backends beside Prometheus, loaded with each episode: OpenSearch for logs and Zipkin for
   * traces (the tests start them). {@link #NONE}: Prometheus only.
   */
  interface Extra {
    /** Loads the episode's data; returns the sources to read it through. */
    List<SourceConfig> load(Episode ep);

    /** Whether the sources hold the episode's logs and traces. */
    boolean logsAndTraces();

    Extra NONE =
        new Extra() {
          @Override
          public List<SourceConfig> load(Episode ep) {
            return List.of();
          }

          @Override
          public boolean logsAndTraces() {
            return false;
          }
        };
  }

  /** The kinds withheld from the full bundle's comparison investigation. */
  static Set<WithheldTelemetrySource.Kind> notLive(Extra extra) {
    return extra.logsAndTraces()
        ? EnumSet.of(
            WithheldTelemetrySource.Kind.EVENTS,
            WithheldTelemetrySource.Kind.CODE,
            WithheldTelemetrySource.Kind.DB)
        : NOT_IN_PROMETHEUS;
  }

  private LiveParity() {}

  /**
   * Runs episodes of seeds {@code from..from+n-1} of the gym suite plan ({@code warroom gym
   * suite}'s episodes) under {@code work} (each episode's files are deleted when it is done).
   */
  static Result run(long from, int n, Director director, Path work, Consumer<String> progress)
      throws IOException {
    return run(from, n, director, work, Extra.NONE, progress);
  }

  static Result run(
      long from, int n, Director director, Path work, Extra extra, Consumer<String> progress)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    for (GymSuite.Entry e : GymSuite.plan(from, from + n - 1, GymSuite.Options.defaults())) {
      Episode ep = new Gym().reset(e.seed(), e.scenario());
      Path dir = work.resolve("episode-" + e.seed());
      Row r = episode(ep, director, dir, extra);
      rows.add(r);
      progress.accept(
          String.format(
              Locale.ROOT,
              "%s: live %s, bundle %s (%s; with topology %s), truth %s, live %d ms, %d native"
                  + " queries checked%s",
              r.episode(),
              r.liveTop(),
              r.bundleTop(),
              r.same() ? "same" : "DIFFERENT",
              r.bundleTopWithTopology(),
              r.truth(),
              r.liveMillis(),
              r.nativeQueries(),
              r.nativeMismatches() == 0 ? "" : ", " + r.nativeMismatches() + " MISMATCHED"));
      deleteTree(dir);
    }
    return new Result(rows);
  }

  static Row episode(Episode ep, Director director, Path dir, Extra extra) throws IOException {
    Path bundleDir = dir.resolve("bundle");
    ep.write(bundleDir);
    BundleManifest m = ep.bundle().manifest();
    Investigator withholding = new Investigator(director, notLive(extra));
    // the bundle with everything but metrics withheld from the Director: the store still has its
    // topology (the file's, or the one it derives from the spans)
    Investigation withTopology = withholding.investigate(bundleDir, null);
    // the same data as the live side: a bundle of the metrics (and, with OpenSearch and Zipkin,
    // the logs and spans), the alert and the manifest only
    Path metricsBundle = dir.resolve("metrics-bundle");
    BundleWriter.write(
        new IncidentBundle(
            m,
            ep.alert(),
            ep.bundle().metrics(),
            extra.logsAndTraces() ? ep.bundle().logs() : List.of(),
            extra.logsAndTraces() ? ep.bundle().spans() : List.of(),
            List.of(),
            null,
            List.of(),
            List.of()),
        metricsBundle);
    Investigation bundleInv = new Investigator(director).investigate(metricsBundle, null);
    try (LocalPrometheus prom = LocalPrometheus.start(ep.bundle().metrics(), dir.resolve("prom"));
        RecordingProxy proxy = new RecordingProxy(prom.url());
        CompositeStore live = Connectors.open(sources(proxy.url(), extra.load(ep)))) {
      long t0 = System.nanoTime();
      Investigation liveInv =
          LiveSources.investigate(
              new Investigator(director).withWindows(m.window(), m.baseline()),
              live,
              live,
              ep.alert(),
              null);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      int[] check = checkNativeQueries(liveInv.report(), proxy.received(), sentElsewhere(live));
      return new Row(
          ep.id(),
          ep.truth().control() ? "(control)" : ep.truth().rootCauseService(),
          top(liveInv.report()),
          top(bundleInv.report()),
          top(withTopology.report()),
          liveInv.report().verdict().name().toLowerCase(Locale.ROOT),
          bundleInv.report().verdict().name().toLowerCase(Locale.ROOT),
          ms,
          check[0],
          check[1],
          liveInv.report().missingData());
    }
  }

  private static List<SourceConfig> sources(java.net.URI prometheus, List<SourceConfig> extra) {
    List<SourceConfig> all = new ArrayList<>();
    all.add(source(prometheus));
    all.addAll(extra);
    return all;
  }

  static SourceConfig source(java.net.URI url) {
    return new SourceConfig(
        "prometheus",
        SourceConfig.Type.PROMETHEUS,
        url,
        null,
        null,
        Duration.ofSeconds(60),
        1000,
        10_000,
        1,
        null,
        null);
  }

  static String top(RcaReport r) {
    return r.candidates().isEmpty() ? "(none)" : r.candidates().get(0).service();
  }

  /**
   * Checks every PromQL request block of every evidence query in {@code report} against the
   * requests Prometheus received; returns {checked, not found}.
   */
  /**
   * What the OpenSearch and Zipkin stores of {@code live} sent, as their native queries are
   * written: OpenSearch search bodies, Zipkin request paths with their query strings.
   */
  static Set<String> sentElsewhere(CompositeStore live) {
    Set<String> out = new HashSet<>();
    for (var s : live.stores()) {
      if (s instanceof dev.warroom.connectors.opensearch.OpenSearchStore os) {
        os.reader().sent().forEach(x -> out.add(x.body()));
      } else if (s instanceof dev.warroom.connectors.zipkin.ZipkinStore z) {
        z.reader().sent().forEach(x -> out.add(x.pathAndQuery()));
      }
    }
    return out;
  }

  /**
   * Checks every native query of the report: PromQL request blocks against the requests the proxy
   * saw Prometheus receive; any other query (OpenSearch DSL body, Zipkin request lines) against
   * what those stores sent. Returns {checked, not found}.
   */
  static int[] checkNativeQueries(
      RcaReport report, List<RecordingProxy.Received> received, Set<String> elsewhere) {
    Set<String> got = new HashSet<>();
    for (RecordingProxy.Received r : received) {
      String q = r.asNativeQuery();
      if (q != null) {
        got.add(q);
      }
    }
    int checked = 0;
    int missing = 0;
    for (Evidence e : report.evidence()) {
      List<String> blocks = requestBlocks(e.query());
      for (String block : blocks) {
        checked++;
        if (!got.contains(block)) {
          missing++;
        }
      }
      String q = e.query() == null ? "" : e.query();
      if (blocks.isEmpty() && !q.isBlank() && !q.startsWith("-- ") && !elsewhere.isEmpty()) {
        checked++;
        boolean sent =
            elsewhere.contains(q) || q.lines().allMatch(l -> l.isBlank() || elsewhere.contains(l));
        if (!sent) {
          missing++;
        }
      }
    }
    return new int[] {checked, missing};
  }

  /**
   * The request blocks of a Prometheus native query: each PromQL line with its {@code # GET} line.
   */
  static List<String> requestBlocks(String nativeQuery) {
    List<String> out = new ArrayList<>();
    if (nativeQuery == null) {
      return out;
    }
    String[] lines = nativeQuery.split("\n", -1);
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].startsWith("# GET /api/v1/")) {
        out.add(lines[i - 1] + "\n" + lines[i]);
      }
    }
    return out;
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
