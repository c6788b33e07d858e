package dev.warroom.gym;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How an episode is exported: the shape of one real-world export of the same incident. The gym
 * writes an episode under a view ({@link ViewWriter}); the simulated incident and its ground truth
 * stay the same, except the alert (time and service), which a view may move. Drawing views at
 * random is domain randomisation (Tobin et al., "Domain Randomization for Transferring Deep Neural
 * Networks from Simulation to the Real World", IROS 2017): a model trained on many renderings of
 * the same world does not learn the quirks of one.
 *
 * <p>{@code history} and {@code step} are both null (the gym's own timeline: coarse history, 15 s
 * steps in the window) or both set (uniform steps over {@code history} before onset). {@code
 * alertDelay} null keeps the alert the rules fired; otherwise the alert starts at onset + delay.
 *
 * @param name the view's name in a suite ({@code full}, {@code v1}, …)
 * @param seed the seed it was drawn from (also seeds trace sampling)
 * @param history data kept before onset (null: all the episode holds)
 * @param step sampling step of every metric (null: as simulated)
 * @param naming metric naming convention and file format
 * @param identity the label that names a metric's service
 * @param modalities which kinds of data the export holds
 * @param traceSampling share of whole traces kept, in (0, 1]
 * @param traceFormat how spans are written
 * @param logLayout how log lines are written
 * @param alertDelay alert start against onset (null: as the alert rules fired)
 * @param alertOnEntry the alert names the entry service instead of where it fired
 */
public record View(
    String name,
    long seed,
    Duration history,
    Duration step,
    Naming naming,
    Identity identity,
    Modalities modalities,
    double traceSampling,
    TraceFormat traceFormat,
    LogLayout logLayout,
    Duration alertDelay,
    boolean alertOnEntry) {

  /** Metric naming conventions; each also picks a documented file format. */
  public enum Naming {
    /** The gym's names, wide CSV of Prometheus selectors. */
    GYM,
    /** cAdvisor / kube-state-metrics / node_exporter / Istio names, Prometheus text. */
    PROMETHEUS,
    /** OpenTelemetry semantic conventions (dotted names, service.name), OTLP/JSON. */
    OPENTELEMETRY,
    /** Micrometer / Spring Boot Actuator names, long CSV. */
    MICROMETER,
    /** Datadog-style dotted names with tag labels, wide CSV. */
    DATADOG,
    /** Plain per-service columns ({@code cart_cpu}), wide CSV of bare names. */
    PLAIN_CSV
  }

  /** Where a metric says which service it belongs to. */
  public enum Identity {
    SERVICE,
    APP,
    JOB,
    CONTAINER,
    /** kube-state-metrics' {@code label_app_kubernetes_io_name}. */
    K8S_NAME,
    /** No service label: only the pod name with its ReplicaSet hash. */
    POD_ONLY
  }

  /** Which kinds of data the export holds. */
  public enum Modalities {
    ALL,
    NO_LOGS,
    NO_TRACES,
    NO_EVENTS,
    METRICS_ONLY,
    /** Metrics, logs and traces, without events, topology, code and database statistics. */
    TELEMETRY_ONLY
  }

  /** How spans are written. */
  public enum TraceFormat {
    ZIPKIN,
    /** Zipkin v2 without {@code kind} (as some collectors export). */
    ZIPKIN_NO_KIND
  }

  /** How log lines are written. */
  public enum LogLayout {
    GYM_JSON,
    /** JSON lines with other field names ({@code @timestamp}, {@code severity}, {@code msg}). */
    OTHER_JSON_FIELDS,
    /** JSON lines without a level field. */
    NO_LEVEL,
    /** Container runtime lines whose message is the application's own JSON line. */
    JSON_IN_JSON,
    /** Plain text, one file per service, read with a line pattern declared in the manifest. */
    PLAIN_PATTERN
  }

  /**
   * Most rows of a resampled metric in this view's format: bounds the size of fine-step views
   * (formats that repeat the series on every sample hold fewer).
   */
  int maxRows() {
    return switch (naming) {
      case GYM, DATADOG, PLAIN_CSV -> 6000;
      case PROMETHEUS, MICROMETER -> 1000;
      case OPENTELEMETRY -> 500;
    };
  }

  public View {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(modalities, "modalities");
    Objects.requireNonNull(traceFormat, "traceFormat");
    Objects.requireNonNull(logLayout, "logLayout");
    if ((history == null) != (step == null)) {
      throw new IllegalArgumentException("history and step are both set or both null");
    }
    if (step != null
        && (step.compareTo(Duration.ofSeconds(1)) < 0
            || step.compareTo(Duration.ofMinutes(5)) > 0)) {
      throw new IllegalArgumentException("step not in 1s..5m: " + step);
    }
    if (history != null && history.compareTo(Duration.ofMinutes(2)) < 0) {
      throw new IllegalArgumentException("history < 2 minutes: " + history);
    }
    if (!(traceSampling > 0 && traceSampling <= 1)) {
      throw new IllegalArgumentException("traceSampling not in (0, 1]: " + traceSampling);
    }
    if (alertDelay != null
        && (alertDelay.compareTo(Duration.ofMinutes(-2)) < 0
            || alertDelay.compareTo(Duration.ofMinutes(10)) > 0)) {
      throw new IllegalArgumentException("alertDelay not in -2m..10m: " + alertDelay);
    }
  }

  /** The gym's own export: what {@link Episode#write} writes. */
  public static View full() {
    return new View(
        "full",
        0,
        null,
        null,
        Naming.GYM,
        Identity.SERVICE,
        Modalities.ALL,
        1,
        TraceFormat.ZIPKIN,
        LogLayout.GYM_JSON,
        null,
        false);
  }

  /** Whether this view writes exactly what {@link Episode#write} writes. */
  public boolean isFull() {
    return equals(full().withName(name).withSeed(seed));
  }

  View withName(String n) {
    return new View(
        n,
        seed,
        history,
        step,
        naming,
        identity,
        modalities,
        traceSampling,
        traceFormat,
        logLayout,
        alertDelay,
        alertOnEntry);
  }

  View withSeed(long s) {
    return new View(
        name,
        s,
        history,
        step,
        naming,
        identity,
        modalities,
        traceSampling,
        traceFormat,
        logLayout,
        alertDelay,
        alertOnEntry);
  }

  /**
   * A view drawn from a seed: every dimension independently, each sometimes left as the gym's own
   * so that a dimension's effect can be read from a suite's per-dimension figures.
   */
  public static View draw(String name, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5EED);
    Naming naming = pick(r, Naming.values());
    Duration history = null;
    Duration step = null;
    // the gym's own timeline (days of coarse history) only in the wide CSV formats: in formats
    // that repeat the series on every sample it would be hundreds of megabytes
    boolean wide = naming == Naming.GYM || naming == Naming.DATADOG || naming == Naming.PLAIN_CSV;
    boolean resample = r.nextDouble() >= 0.2 || !wide;
    long[] steps = {1, 5, 10, 15, 30, 60, 60, 60, 120, 300};
    long stepSeconds = steps[r.nextInt(steps.length)];
    if (!wide) {
      stepSeconds = Math.max(10, stepSeconds); // 1-5 s steps only in the compact wide CSV
    }
    double u = r.nextDouble();
    if (resample) {
      step = Duration.ofSeconds(stepSeconds);
      int rows =
          new View(
                  "",
                  0,
                  null,
                  null,
                  naming,
                  Identity.SERVICE,
                  Modalities.ALL,
                  1,
                  TraceFormat.ZIPKIN,
                  LogLayout.GYM_JSON,
                  null,
                  false)
              .maxRows();
      // log-uniform from 2 minutes to 4 days, within the row cap (leaving ~10 min after onset)
      double lo = Math.log(120);
      double hi = Math.log(Math.min(4 * 86400.0, Math.max(121, stepSeconds * (double) rows - 600)));
      history = Duration.ofSeconds((long) Math.exp(lo + (hi - lo) * u));
    }
    Identity identity = pick(r, Identity.values());
    Modalities modalities = r.nextDouble() < 0.3 ? Modalities.ALL : pick(r, Modalities.values());
    double sampling =
        r.nextDouble() < 0.4 ? 1 : Math.exp(Math.log(0.01) * r.nextDouble()); // 1% .. 100%
    sampling = Math.max(0.01, Math.round(sampling * 1000) / 1000.0);
    TraceFormat traces = pick(r, TraceFormat.values());
    LogLayout logs = pick(r, LogLayout.values());
    Duration delay =
        r.nextDouble() < 0.25 ? null : Duration.ofSeconds(-120 + r.nextInt(721)); // -2 .. +10 min
    boolean entry = r.nextBoolean();
    return new View(
        name,
        seed,
        history,
        step,
        naming,
        identity,
        modalities,
        sampling,
        traces,
        logs,
        delay,
        entry);
  }

  private static <T> T pick(SplittableRandom r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  /**
   * The view's value on each dimension as a short label, continuous ones bucketed; what {@code gym
   * eval} groups by. Insertion-ordered.
   */
  public Map<String, String> dimensions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("history", history == null ? "gym" : historyBucket(history));
    d.put("step", step == null ? "gym" : stepBucket(step));
    d.put("naming", id(naming));
    d.put("identity", id(identity));
    d.put("modalities", id(modalities));
    d.put("trace_sampling", traceSampling >= 1 ? "all" : traceSampling >= 0.1 ? "10-99%" : "1-10%");
    d.put("trace_format", id(traceFormat));
    d.put("log_layout", id(logLayout));
    d.put("alert_delay", alertDelay == null ? "gym" : delayBucket(alertDelay));
    d.put("alert_on", alertOnEntry ? "entry" : "gym");
    return d;
  }

  private static String id(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String historyBucket(Duration h) {
    long m = h.toMinutes();
    return m < 15 ? "2-15m" : m < 60 ? "15-60m" : m < 360 ? "1-6h" : m < 1440 ? "6-24h" : "1-4d";
  }

  private static String stepBucket(Duration s) {
    long sec = s.toSeconds();
    return sec < 15 ? "1-10s" : sec < 60 ? "15-30s" : sec < 120 ? "1m" : "2-5m";
  }

  private static String delayBucket(Duration d) {
    long s = d.toSeconds();
    return s < 0 ? "early" : s < 180 ? "0-3m" : s < 360 ? "3-6m" : "6-10m";
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** {@code view.json}: the view's settings and its dimension labels (field order fixed). */
  public String toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", name).put("seed", seed);
    o.put("history", history == null ? null : history.toString());
    o.put("step", step == null ? null : step.toString());
    o.put("naming", id(naming));
    o.put("identity", id(identity));
    o.put("modalities", id(modalities));
    o.put("trace_sampling", traceSampling);
    o.put("trace_format", id(traceFormat));
    o.put("log_layout", id(logLayout));
    o.put("alert_delay", alertDelay == null ? null : alertDelay.toString());
    o.put("alert_on_entry", alertOnEntry);
    ObjectNode d = o.putObject("dimensions");
    dimensions().forEach(d::put);
    try {
      return MAPPER.writeValueAsString(o) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
