package dev.warroom.engine.director;

import dev.warroom.dsl.ActorCatalog;
import dev.warroom.engine.actors.ActorRegistry;
import dev.warroom.engine.actors.InvestigationContext;
import dev.warroom.engine.actors.ScanDigest;
import dev.warroom.engine.agents.Budget;
import dev.warroom.engine.agents.DataInventory;
import dev.warroom.engine.agents.DialectProfile;
import dev.warroom.engine.agents.QueryIntent;
import dev.warroom.engine.agents.TelemetryAgent;
import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.Incident;
import dev.warroom.model.RcaReport;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Plans and runs an investigation: picks the runbook for the alert's class from the library (or
 * runs the one given), sets the budget, runs it with the {@link Interpreter}, fuses the findings
 * into ranked, calibrated root-cause candidates and assembles the {@link RcaReport}. An alert
 * without a service, or naming one the data does not know, gets a whole-system investigation; a
 * bundle without an alert gets the general runbook over the last hour of data.
 */
public final class Director {
  /** How far before the alert's start symptoms and causes are looked for. */
  static final Duration LEAD = Duration.ofMinutes(30);

  static final int DEFAULT_QUERIES = 150;
  static final Duration DEFAULT_TIME = Duration.ofSeconds(30);

  private final ActorRegistry registry;
  private final ActorCatalog catalog;
  private final RunbookLibrary library;
  private final DialectProfile dialects;
  private final Calibration calibration;
  private final InstantSource clock;

  /**
   * The learned fusion model, asked for only when an investigation fuses: the shipped one is parsed
   * once per process, and not at all when a model file replaces it.
   */
  private final java.util.function.Supplier<Optional<RcaModel>> model;

  private final Consumer<FusionInput> observer;

  public Director(
      ActorRegistry registry,
      DialectProfile dialects,
      Calibration calibration,
      InstantSource clock) {
    this(registry, dialects, calibration, clock, RcaModel::shippedOnce, in -> {});
  }

  private Director(
      ActorRegistry registry,
      DialectProfile dialects,
      Calibration calibration,
      InstantSource clock,
      java.util.function.Supplier<Optional<RcaModel>> model,
      Consumer<FusionInput> observer) {
    this.model = model;
    this.observer = observer;
    this.registry = Objects.requireNonNull(registry, "registry");
    this.catalog = ActorSignatures.catalog(registry);
    this.library = RunbookLibrary.builtIn(catalog);
    this.dialects = Objects.requireNonNull(dialects, "dialects");
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The standard actors, default dialects and calibration, the system clock. */
  public static Director standard() {
    return new Director(
        ActorRegistry.standard(),
        DialectProfile.defaults(),
        Calibration.DEFAULT,
        InstantSource.system());
  }

  public Director withDialects(DialectProfile d) {
    return new Director(registry, d, calibration, clock, model, observer);
  }

  public Director withCalibration(Calibration c) {
    return new Director(registry, dialects, c, clock, model, observer);
  }

  /**
   * This director with the learned fusion model of a JSON file written by {@code warroom gym train}
   * instead of the shipped one.
   *
   * @throws IllegalArgumentException naming the file when it is not a model
   */
  public Director withModelFile(java.nio.file.Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such model file");
    }
    try {
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
      if (json == null || !json.has("ranker") || !json.has("detector") || !json.has("classes")) {
        throw new IllegalArgumentException(
            file + ": not a warroom model (needs ranker, detector and classes)");
      }
      return withModel(RcaModel.fromJson(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** This director with the given learned fusion model, or the hand-weighted fusion (null). */
  Director withModel(RcaModel m) {
    Optional<RcaModel> chosen = Optional.ofNullable(m);
    return new Director(registry, dialects, calibration, clock, () -> chosen, observer);
  }

  /** This director handing every fusion input to {@code o} (training dumps). */
  Director withObserver(Consumer<FusionInput> o) {
    return new Director(registry, dialects, calibration, clock, model, o);
  }

  /** The catalog runbooks are checked against. */
  public ActorCatalog catalog() {
    return catalog;
  }

  public RunbookLibrary library() {
    return library;
  }

  /**
   * Investigates the telemetry of {@code source}.
   *
   * @param alert the alert, or null for none
   * @param declaredWindow the incident window when the bundle declares one, else null
   * @param incidentId a name for the incident
   * @param runbookText a runbook to run instead of the library's choice, or null
   * @throws dev.warroom.model.InvalidInputException when {@code runbookText} does not check
   */
  public Investigation investigate(
      TelemetrySource source,
      Alert alert,
      TimeWindow declaredWindow,
      String incidentId,
      String runbookText) {
    return investigate(source, alert, declaredWindow, null, incidentId, runbookText);
  }

  /**
   * Investigates the telemetry of {@code source} with a declared baseline: the window that defines
   * "normal" for every kind of data (null: chosen from the data, see {@link #windowOf}).
   */
  public Investigation investigate(
      TelemetrySource source,
      Alert alert,
      TimeWindow declaredWindow,
      TimeWindow declaredBaseline,
      String incidentId,
      String runbookText) {
    long t0 = System.nanoTime();
    Map<String, Long> timings = new LinkedHashMap<>();
    DataInventory inv = source.inventory();
    OnsetEstimator.Estimate onset = estimateOnset(source, alert, declaredWindow, inv);
    TimeWindow window = windowOf(alert, declaredWindow, inv, onset.onset());
    Alert effective = alert != null ? alert : syntheticAlert(window);
    Instant baselineStart =
        inv.range() == null || !inv.range().start().isBefore(window.start())
            ? window.start().minus(Duration.ofHours(1))
            : inv.range().start();
    TimeWindow baseline =
        declaredBaseline != null ? declaredBaseline : new TimeWindow(baselineStart, window.start());
    Incident incident = new Incident(incidentId, effective, window);
    // A declared window is a fact about the incident, not an estimate of its onset: the split of
    // logs and traces then falls back to the alert (RecentWindows).
    Instant onsetAt = declaredWindow != null ? null : onset.onset();
    String windowNote =
        windowNote(alert, declaredWindow, onset, window, baseline, declaredBaseline != null);
    timings.put("onset", (System.nanoTime() - t0) / 1_000_000);

    RunbookLibrary.Entry plan;
    Budget budget;
    InvestigationContext ctx;
    if (runbookText != null) {
      plan = RunbookLibrary.load("runbook", runbookText, catalog);
    } else {
      plan = null;
    }
    var rbBudget = plan == null ? null : plan.runbook().budget();
    // The context needs a budget before the library's when-conditions can be evaluated; the
    // chosen runbook's budget replaces this provisional one below.
    budget = new Budget(DEFAULT_QUERIES, DEFAULT_TIME, clock);
    ctx =
        new InvestigationContext(
            incident,
            baseline,
            declaredBaseline != null,
            onsetAt,
            windowNote,
            new TelemetryAgent(source, dialects, budget));
    if (plan == null) {
      plan = choose(ctx);
      rbBudget = plan.runbook().budget();
    }
    budget =
        new Budget(
            rbBudget.queries().orElse(DEFAULT_QUERIES),
            rbBudget.seconds().isPresent()
                ? Duration.ofMillis((long) (rbBudget.seconds().getAsDouble() * 1000))
                : DEFAULT_TIME,
            clock);
    ctx =
        new InvestigationContext(
            incident,
            baseline,
            declaredBaseline != null,
            onsetAt,
            windowNote,
            new TelemetryAgent(source, dialects, budget));
    timings.put("plan", (System.nanoTime() - t0) / 1_000_000);

    double stopAt = rbBudget.confidence().orElse(1.01);
    InvestigationContext runCtx = ctx;
    long t1 = System.nanoTime();
    RunTrace trace =
        new Interpreter(registry, ctx, budget, () -> stopAt <= 1 && topConfidence(runCtx) >= stopAt)
            .run(plan.runbook());
    timings.put("run", (System.nanoTime() - t1) / 1_000_000);

    long t2 = System.nanoTime();
    FusionInput fusionInput = fusionInput(ctx, ScanDigest.of(ctx));
    observer.accept(fusionInput);
    List<EvidenceFusion.Candidate> ranked = fuse(fusionInput);
    Optional<RcaModel> learned = model.get();
    if (learned.isPresent()) {
      ranked = LearnedFusion.apply(learned.get(), fusionInput, ranked);
    }
    timings.put("fusion", (System.nanoTime() - t2) / 1_000_000);
    timings.put("queries", (long) budget.queriesUsed());
    timings.put("total", (System.nanoTime() - t0) / 1_000_000);
    RcaReport report =
        ReportAssembler.assemble(
            ctx,
            incidentId,
            plan,
            trace,
            ranked,
            calibration,
            learned.orElse(null),
            missing(inv, source),
            timings);
    if (learned.isPresent()) {
      report = report.withModel(learned.get().version());
    }
    return new Investigation(report, plan.name(), trace);
  }

  /** Kinds of data absent from the inventory, then every read a source failed to answer. */
  private static List<String> missing(DataInventory inv, TelemetrySource source) {
    List<String> out = new java.util.ArrayList<>(inv.missing());
    out.addAll(source.failures());
    return out;
  }

  private double topConfidence(InvestigationContext ctx) {
    List<EvidenceFusion.Candidate> r = fuse(ctx);
    if (r.isEmpty()) {
      return 0;
    }
    double second = r.size() > 1 ? r.get(1).score() : 0;
    return calibration.probability(r.get(0).score(), r.get(0).score() - second);
  }

  static List<EvidenceFusion.Candidate> fuse(InvestigationContext ctx) {
    return fuse(fusionInput(ctx, ScanDigest.EMPTY));
  }

  /** What the fusion decides from; {@code scan} is empty where the learned model is not used. */
  static FusionInput fusionInput(InvestigationContext ctx, ScanDigest scan) {
    boolean symptomatic =
        ctx.evidence().all().stream().anyMatch(e -> e.source().equals("impact_analysis"));
    Topology t = ctx.memo("topology-view", () -> ctx.topologyProvider().get());
    return new FusionInput(
        ctx.incident().alert().service(),
        symptomatic,
        ctx.findings(),
        t,
        scan,
        ctx.inventory().missing());
  }

  /** The hand-weighted fusion of the findings with the topology ranker. */
  static List<EvidenceFusion.Candidate> fuse(FusionInput in) {
    List<Finding> findings = in.findings();
    Map<String, Instant> deploys = new HashMap<>();
    Map<String, Instant> configs = new HashMap<>();
    for (Finding f : findings) {
      if (f.expert().equals("change_correlation") && f.service() != null && f.onset() != null) {
        if (f.faultClass() == FaultClass.BAD_DEPLOY) {
          deploys.merge(f.service(), f.onset(), (a, b) -> a.isAfter(b) ? a : b);
        } else if (f.faultClass() == FaultClass.MISCONFIGURED_PORT) {
          configs.merge(f.service(), f.onset(), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    }
    return EvidenceFusion.fuse(findings, in.topology(), deploys, configs);
  }

  /** The bundle's topology, or one derived from the incident window's spans. */
  static Topology topologyOf(InvestigationContext ctx) {
    Topology given = ctx.topology();
    List<dev.warroom.model.Span> spans = List.of();
    if (given.edges().isEmpty() && ctx.inventory().hasTraces()) {
      spans =
          ctx.agent()
              .source()
              .spans(new QueryIntent.Spans(List.of(), false, ctx.window()), 20_000)
              .rows();
    }
    return TopologyView.of(given, spans, ctx.inventory().services());
  }

  private RunbookLibrary.Entry choose(InvestigationContext ctx) {
    ExprEvaluator eval = new ExprEvaluator(ctx);
    for (RunbookLibrary.Entry e : library.entries()) {
      if (e.runbook().when().isEmpty()) {
        return e;
      }
      if (ExprEvaluator.truthy(eval.eval(e.runbook().when().get(), new HashMap<>()))) {
        return e;
      }
    }
    throw new IllegalStateException("the library has no general runbook");
  }

  static TimeWindow windowOf(Alert alert, TimeWindow declared, DataInventory inv) {
    return windowOf(alert, declared, inv, null);
  }

  /**
   * The incident window: the declared one; else from {@link #MARGIN} before the estimated onset (or
   * {@link #LEAD} before the alert when no onset could be estimated) to the alert's end, or {@link
   * #TAIL} after the later of alert and onset, or the end of the data, whichever comes first. Real
   * exports often hold fault-free data recorded later than the incident; without a tail that data
   * would count as part of it.
   */
  static TimeWindow windowOf(Alert alert, TimeWindow declared, DataInventory inv, Instant onset) {
    if (declared != null) {
      return declared;
    }
    Instant dataEnd = inv.range() == null ? null : inv.range().end();
    if (alert == null) {
      Instant end = dataEnd != null ? dataEnd : Instant.EPOCH.plus(Duration.ofHours(1));
      return new TimeWindow(end.minus(Duration.ofHours(1)), end);
    }
    Instant a = alert.startsAt();
    Instant start = a.minus(LEAD);
    Instant last = a;
    if (onset != null) {
      Instant fromOnset = onset.minus(MARGIN);
      start = fromOnset.isBefore(a) ? fromOnset : a;
      last = onset.isAfter(a) ? onset : a;
    }
    Instant end = alert.endsAt();
    if (end == null) {
      Instant tail = last.plus(TAIL);
      end = dataEnd != null && dataEnd.isBefore(tail) ? dataEnd : tail;
    }
    if (end.isBefore(a.plus(Duration.ofMinutes(1)))) {
      end = a.plus(Duration.ofMinutes(15));
    }
    return new TimeWindow(start, end);
  }

  /** Time before the estimated onset that the incident window starts. */
  static final Duration MARGIN = Duration.ofMinutes(5);

  /** How long after the alert (or a later onset) an open incident window lasts at most. */
  static final Duration TAIL = Duration.ofMinutes(30);

  /** How far back metrics are read to estimate the onset. */
  static final Duration ONSET_HISTORY = Duration.ofMinutes(90);

  /**
   * The onset as the metrics show it ({@link OnsetEstimator}); none without an alert to anchor the
   * search, with a declared window, or without metrics.
   */
  private static OnsetEstimator.Estimate estimateOnset(
      TelemetrySource source, Alert alert, TimeWindow declared, DataInventory inv) {
    if (declared != null) {
      return new OnsetEstimator.Estimate(null, 0, "declared window");
    }
    if (alert == null || !inv.hasMetrics()) {
      return new OnsetEstimator.Estimate(
          null, 0, alert == null ? "no alert" : "no metrics to estimate the onset from");
    }
    Instant a = alert.startsAt();
    TimeWindow probe = new TimeWindow(a.minus(ONSET_HISTORY), a.plus(OnsetEstimator.AFTER));
    List<dev.warroom.model.MetricSeries> series =
        source
            .metrics(
                new QueryIntent.Metrics(
                    "", Map.of(), QueryIntent.Aggregation.RAW, Duration.ofMinutes(1), probe))
            .rows();
    return OnsetEstimator.estimate(series, a);
  }

  private static String span(TimeWindow w) {
    return w.start() + ".." + w.end();
  }

  private static String windowNote(
      Alert alert,
      TimeWindow declared,
      OnsetEstimator.Estimate onset,
      TimeWindow window,
      TimeWindow baseline,
      boolean baselineDeclared) {
    StringBuilder b = new StringBuilder();
    if (declared != null) {
      b.append("incident window ").append(span(window)).append(" as declared by the bundle");
    } else if (onset.onset() != null) {
      b.append("onset estimated at ").append(onset.onset()).append(" from ").append(onset.how());
      if (alert != null) {
        long lag = Duration.between(onset.onset(), alert.startsAt()).toSeconds();
        b.append("; the alert fired ")
            .append(Math.abs(lag))
            .append(" s ")
            .append(lag >= 0 ? "after" : "before")
            .append(" it");
      }
      b.append("; incident window ").append(span(window));
    } else {
      b.append("onset not estimated (")
          .append(onset.how())
          .append("); incident window ")
          .append(span(window))
          .append(alert == null ? "" : " from " + LEAD.toMinutes() + " min before the alert");
    }
    b.append("; metric baseline ")
        .append(span(baseline))
        .append(
            baseline.length().isZero()
                ? " (no data before the window)"
                : " (data before the window)");
    return b.toString();
  }

  static Alert syntheticAlert(TimeWindow w) {
    return new Alert(
        "no-alert",
        AlertSource.GENERIC,
        AlertStatus.FIRING,
        "no alert: whole-system investigation",
        "",
        null,
        "warning",
        Map.of(),
        Map.of(),
        w.start(),
        null);
  }
}
