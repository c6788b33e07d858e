package dev.warroom.engine.agents;

import dev.warroom.experts.InputKind;
import dev.warroom.experts.Route;
import dev.warroom.experts.Router;
import dev.warroom.experts.code.CodeExpert;
import dev.warroom.experts.db.DatabaseExpert;
import dev.warroom.experts.metrics.MetricExpert;
import dev.warroom.experts.traces.TraceExpert;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The actors' door to the experts (the "experts through the router" part of an agent's toolkit).
 * Typed telemetry goes to the expert that owns its type: metric series to {@link MetricExpert},
 * spans to {@link TraceExpert}, statement statistics to {@link DatabaseExpert}. Text whose kind a
 * source does not tell — a log record's body (which layout? a stack trace inside?), a SQL text
 * (statement or plan?) — is first classified by the trained {@link Router}, and the experts its
 * route names are the ones consulted; the route is recorded so a report can say why an expert was
 * (or was not) asked. One desk is shared by all investigations of a process: the experts are
 * stateless and the router is trained once.
 */
public final class ExpertDesk {
  /** Routes below this confidence are treated as "unknown kind": no expert is chosen by them. */
  public static final double MIN_ROUTE_CONFIDENCE = 0.5;

  /** Characters of a sample handed to the router; its features saturate well before this. */
  static final int SAMPLE_CHARS = 4_000;

  private final Router router;
  private final MetricExpert metrics;
  private final TraceExpert traces;
  private final CodeExpert code;
  private final DatabaseExpert db;

  public ExpertDesk(
      Router router, MetricExpert metrics, TraceExpert traces, CodeExpert code, DatabaseExpert db) {
    this.router = Objects.requireNonNull(router, "router");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.traces = Objects.requireNonNull(traces, "traces");
    this.code = Objects.requireNonNull(code, "code");
    this.db = Objects.requireNonNull(db, "db");
  }

  /** The desk with every expert's defaults and the router trained on its built-in corpus. */
  public static ExpertDesk defaults() {
    return Holder.DEFAULT;
  }

  private static final class Holder {
    static final ExpertDesk DEFAULT =
        new ExpertDesk(
            Router.shipped(),
            MetricExpert.withDefaults(),
            TraceExpert.withDefaults(),
            new CodeExpert(),
            new DatabaseExpert());
  }

  public MetricExpert metrics() {
    return metrics;
  }

  public TraceExpert traces() {
    return traces;
  }

  public CodeExpert code() {
    return code;
  }

  public DatabaseExpert db() {
    return db;
  }

  /**
   * How the router classified a sample of text, and so which experts see it.
   *
   * @param kind the most likely input kind
   * @param confidence its probability
   * @param experts the experts the kind names, primary first; empty when the route is unsure
   */
  public record Routing(InputKind kind, double confidence, List<String> experts) {
    public Routing {
      Objects.requireNonNull(kind, "kind");
      experts = List.copyOf(experts);
    }

    /** Whether the route sends the sample to {@code expert} ({@code "code"}, {@code "logs"} …). */
    public boolean sendsTo(String expert) {
      return experts.contains(expert);
    }

    /** "routed as stack_trace_java (0.97) to code, logs". */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "routed as %s (%.2f) to %s",
          kind.id(),
          confidence,
          experts.isEmpty() ? "no expert (unsure)" : String.join(", ", experts));
    }
  }

  /**
   * Classifies text whose kind its source does not tell.
   *
   * @throws IllegalArgumentException when the text is blank
   */
  public Routing route(String text) {
    Objects.requireNonNull(text, "text");
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    Route r = router.route(sample);
    return new Routing(
        r.kind(), r.confidence(), r.confidence() >= MIN_ROUTE_CONFIDENCE ? r.experts() : List.of());
  }
}
