package dev.warroom.engine.actors;

import dev.warroom.experts.logs.Entity;
import dev.warroom.experts.logs.EntityExtractor;
import dev.warroom.experts.logs.EntityType;
import dev.warroom.experts.logs.FrequencyShift;
import dev.warroom.experts.logs.LineCategories;
import dev.warroom.experts.logs.LineCategory;
import dev.warroom.experts.traces.EdgeFailure;
import dev.warroom.experts.traces.TraceExpert;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code error_localization}: where errors originate. From traces, the deepest failing spans whose
 * error no child explains (the error-origin rule of TraceRCA, Li et al. 2021); from logs, the error
 * categories whose rate rose against the baseline, with the exception types they name. Categories
 * ({@link dev.warroom.experts.logs.LineCategories}), the rise test ({@link FrequencyShift}: the
 * conditional Poisson C-test, Benjamini-Hochberg over the services or (service, category) pairs
 * compared, at least twice the baseline rate) and the exception types ({@link EntityExtractor}) are
 * the logs expert's.
 */
public final class ErrorLocalizationActor
    implements Actor<ErrorLocalizationActor.Input, ErrorLocalizationActor.Output> {

  /**
   * @param services services to look at; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param found whether errors rose anywhere
   * @param origins services where errors originate, strongest first
   * @param exceptions exception types named by the new errors
   * @param categories error categories that rose (connection, timeout, dns, tls, oom…)
   */
  public record Output(
      boolean found, List<String> origins, List<String> exceptions, List<String> categories) {}

  /** When a count rose: FDR 1e-4, at least twice the baseline rate and 5 events. */
  static final FrequencyShift.Options RISE = FrequencyShift.Options.errorBurst();

  @Override
  public String name() {
    return "error_localization";
  }

  @Override
  public String description() {
    return "where errors originate: failing spans not explained by their children, rising error logs";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output run(Input in, InvestigationContext ctx) {
    Set<String> origins = new LinkedHashSet<>();
    Set<String> exceptions = new LinkedHashSet<>();
    Set<String> categories = new LinkedHashSet<>();
    if (ctx.inventory().hasTraces()) {
      traceOrigins(ctx, in.services(), origins);
    }
    if (ctx.inventory().hasLogs()) {
      logErrors(ctx, in.services(), origins, exceptions, categories);
    }
    return new Output(
        !origins.isEmpty(), List.copyOf(origins), List.copyOf(exceptions), List.copyOf(categories));
  }

  private void traceOrigins(InvestigationContext ctx, List<String> services, Set<String> origins) {
    RecentWindows.Spans sp = RecentWindows.spans(ctx);
    SpanStats base = sp.baselineStats();
    SpanStats inc = sp.incidentStats();
    double ratio = ImpactAnalysisActor.lengthRatio(sp.split());
    double tb = minutes(sp.split().baseline());
    double ti = minutes(sp.split().incident());
    record Origin(String service, int count, double expected) {}
    List<Origin> compared = new ArrayList<>();
    List<FrequencyShift.Exposure> pairs = new ArrayList<>();
    for (var e : inc.byService().entrySet()) {
      if (!services.isEmpty() && !services.contains(e.getKey())) {
        continue;
      }
      int nb = base.of(e.getKey()).originErrors();
      int n = e.getValue().originErrors();
      compared.add(new Origin(e.getKey(), n, nb * ratio));
      pairs.add(new FrequencyShift.Exposure(nb, tb, n, ti));
    }
    // The logs expert's rate test (C-test, Benjamini-Hochberg over the services compared).
    boolean[] rose = FrequencyShift.rises(pairs, RISE);
    List<Origin> found = new ArrayList<>();
    for (int i = 0; i < rose.length; i++) {
      if (rose[i]) {
        found.add(compared.get(i));
      }
    }
    found.sort(Comparator.comparingDouble(o -> -(o.count() - o.expected())));
    int total = found.stream().mapToInt(Origin::count).sum();
    for (Origin o : found) {
      origins.add(o.service());
      String summary =
          String.format(
              Locale.ROOT,
              "%s: %d failing spans originate here, not explained by a failing child (expected %.0f)",
              o.service(),
              o.count(),
              o.expected());
      var ev =
          traceEvidence(
              ctx,
              sp,
              summary,
              s -> s.service().equals(o.service()),
              List.of(o.service(), Integer.toString(o.count())));
      double share = total == 0 ? 0 : (double) o.count() / total;
      ctx.addFinding(
          new Finding(
              name(),
              o.service(),
              o.service(),
              null,
              summary,
              Math.min(1, 0.5 + 0.5 * share),
              null,
              List.of(ev),
              new FindingDetail.ErrorOrigin(null, o.count(), o.expected(), share, List.of())));
    }
    edgeFailures(ctx, sp, services, ratio, tb, ti);
  }

  /**
   * Per caller → callee edge, the failed calls the callee did not fail itself (the traces expert's
   * {@link TraceExpert#edgeFailures}), where they rose against the baseline: a finding on the
   * callee, component "caller->callee", saying how the calls failed (the logs expert's category of
   * their {@code error.type}) and how many of the caller's callees fail this way — one edge of a
   * caller points at the path (a partition, a policy), all of them at the caller (its resolver, its
   * network), which the learned fusion weighs.
   */
  private void edgeFailures(
      InvestigationContext ctx,
      RecentWindows.Spans sp,
      List<String> services,
      double ratio,
      double tb,
      double ti) {
    Map<String, Integer> base = new java.util.HashMap<>();
    for (EdgeFailure e : sp.baselineStats().edgeFailures()) {
      base.put(e.edge(), e.failures());
    }
    List<EdgeFailure> inc =
        sp.incidentStats().edgeFailures().stream()
            .filter(
                e ->
                    services.isEmpty()
                        || services.contains(e.caller())
                        || services.contains(e.callee()))
            .toList();
    List<FrequencyShift.Exposure> pairs = new ArrayList<>();
    for (EdgeFailure e : inc) {
      pairs.add(new FrequencyShift.Exposure(base.getOrDefault(e.edge(), 0), tb, e.failures(), ti));
    }
    boolean[] rose = FrequencyShift.rises(pairs, RISE);
    Map<String, Integer> risenPerCaller = new java.util.HashMap<>();
    for (int i = 0; i < rose.length; i++) {
      if (rose[i]) {
        risenPerCaller.merge(inc.get(i).caller(), 1, Integer::sum);
      }
    }
    for (int i = 0; i < rose.length; i++) {
      if (!rose[i]) {
        continue;
      }
      EdgeFailure e = inc.get(i);
      double expected = base.getOrDefault(e.edge(), 0) * ratio;
      long callees =
          ctx.topology().edges().stream()
              .filter(d -> d.caller().equals(e.caller()) && !d.callee().equals(e.caller()))
              .map(DependencyEdge::callee)
              .distinct()
              .count();
      String types =
          e.errorTypes().entrySet().stream()
              .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
              .limit(3)
              .map(t -> t.getKey() + " " + t.getValue())
              .collect(java.util.stream.Collectors.joining(", "));
      var detail =
          new FindingDetail.EdgeFailure(
              e.caller(),
              e.callee(),
              e.failures(),
              expected,
              callCategory(e.dominantErrorType()),
              e.errorTypes(),
              (int) Math.min(callees, risenPerCaller.get(e.caller())),
              (int) callees);
      String summary =
          String.format(
              Locale.ROOT,
              "%s: %d calls failed that %s did not fail itself, mostly %s (%s; expected %.0f)%s",
              e.edge(),
              e.failures(),
              e.callee(),
              detail.category(),
              types,
              expected,
              callees == 0
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; %d of %s's %d callees fail this way",
                      detail.failingCallees(),
                      e.caller(),
                      callees));
      var ev =
          traceEvidence(
              ctx,
              sp,
              summary,
              s -> s.service().equals(e.caller()) && e.callee().equals(TraceExpert.peerOf(s)),
              List.of(e.caller(), e.callee(), Integer.toString(e.failures())));
      ctx.addFinding(
          new Finding(
              name(),
              e.callee(),
              e.edge(),
              null,
              summary,
              Math.min(1, 0.4 + 0.1 * Math.log1p(Math.max(0, e.failures() - expected))),
              e.firstSeen(),
              List.of(ev),
              detail));
    }
  }

  /**
   * How a call failed, from its {@code error.type} or status code: the logs expert's category of
   * the text ("timeout", "connection_refused", "dns", "tls" …), else "http_5xx"/"http_4xx" for a
   * bare status code, else "error".
   */
  static String callCategory(String errorType) {
    if (errorType.length() == 3 && Character.isDigit(errorType.charAt(0))) {
      return "http_" + errorType.charAt(0) + "xx";
    }
    return LineCategories.of(errorType)
        .map(LineCategory::name)
        .filter(n -> !n.equals("error"))
        .orElse("error");
  }

  /** Evidence of the incident's failed spans, with up to five of those {@code shown} as rows. */
  private dev.warroom.model.Evidence traceEvidence(
      InvestigationContext ctx,
      RecentWindows.Spans sp,
      String summary,
      java.util.function.Predicate<dev.warroom.model.Span> shown,
      List<String> entities) {
    return ctx.evidence()
        .add(
            EvidenceKind.TRACE,
            name(),
            sp.incidentErrors(),
            summary,
            exampleSpans(sp.incidentErrors().rows(), shown),
            entities,
            null);
  }

  private static List<String> exampleSpans(
      List<dev.warroom.model.Span> spans,
      java.util.function.Predicate<dev.warroom.model.Span> shown) {
    return spans.stream()
        .filter(s -> s.isError() && shown.test(s))
        .limit(5)
        .map(
            s ->
                "trace "
                    + s.traceId()
                    + " span "
                    + s.spanId()
                    + " "
                    + s.service()
                    + " "
                    + s.operation()
                    + " "
                    + s.duration().toMillis()
                    + " ms ERROR"
                    + (s.attribute("error.type") == null ? "" : " " + s.attribute("error.type"))
                    + (s.attribute("error.message") == null
                        ? ""
                        : ": " + s.attribute("error.message")))
        .toList();
  }

  private void logErrors(
      InvestigationContext ctx,
      List<String> services,
      Set<String> origins,
      Set<String> exceptions,
      Set<String> categories) {
    RecentWindows.Logs lg = RecentWindows.problemLogs(ctx);
    double ratio = ImpactAnalysisActor.lengthRatio(lg.split());
    double tb = minutes(lg.split().baseline());
    double ti = minutes(lg.split().incident());
    Map<String, Integer> base = counts(lg.baseline().rows(), services);
    Map<String, List<LogRecord>> inc = new LinkedHashMap<>();
    for (LogRecord r : lg.incident().rows()) {
      if (r.severity().atLeast(Severity.WARN)
          && (services.isEmpty() || services.contains(r.service()))) {
        inc.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
      }
    }
    // The logs expert's frequency shift over the (service, category) pairs seen in the incident:
    // the C-test with Benjamini-Hochberg, at least twice the baseline rate.
    List<Map.Entry<String, List<LogRecord>>> keys = new ArrayList<>(inc.entrySet());
    List<FrequencyShift.Exposure> pairs = new ArrayList<>(keys.size());
    for (var e : keys) {
      pairs.add(
          new FrequencyShift.Exposure(
              base.getOrDefault(e.getKey(), 0), tb, e.getValue().size(), ti));
    }
    boolean[] rose = FrequencyShift.rises(pairs, RISE);
    List<Map.Entry<String, List<LogRecord>>> risen = new ArrayList<>();
    for (int i = 0; i < rose.length; i++) {
      if (rose[i]) {
        risen.add(keys.get(i));
      }
    }
    risen.sort(Comparator.comparingInt(e -> -e.getValue().size()));
    for (var e : risen.stream().limit(12).toList()) {
      List<LogRecord> lines = e.getValue();
      LogRecord first = lines.get(0);
      Signals.LogSignal sig =
          Signals.ofLog(first.body()).orElse(new Signals.LogSignal("error", null));
      categories.add(sig.category());
      // The exception type the lines name: the logs expert's entity extraction.
      String exception =
          EntityExtractor.extract(first.body()).stream()
              .filter(en -> en.type() == EntityType.EXCEPTION)
              .map(Entity::value)
              .findFirst()
              .orElse(null);
      if (exception != null) {
        exceptions.add(exception);
      }
      double expected = base.getOrDefault(e.getKey(), 0) * ratio;
      String summary =
          String.format(
              Locale.ROOT,
              "%s: %d %s log lines of category %s from %s (expected %.0f)",
              first.service(),
              lines.size(),
              first.severity(),
              sig.category(),
              first.timestamp(),
              expected);
      List<String> rows = lines.stream().limit(5).map(ErrorLocalizationActor::logRow).toList();
      List<String> entities =
          new ArrayList<>(List.of(first.service(), sig.category(), Integer.toString(lines.size())));
      if (exception != null) {
        entities.add(exception);
      }
      var ev =
          ctx.evidence()
              .add(EvidenceKind.LOG, name(), lg.incident(), summary, rows, entities, null);
      double score = Math.min(1, 0.3 + 0.1 * Math.log1p(lines.size() - expected));
      FaultClass calleeFault = LogCategories.calleeFault(sig);
      String callee = LogCategories.blamesCallee(sig) ? namedCallee(ctx, lines) : null;
      // "certificate expired connecting to payment": the fault is the callee's; the caller only
      // shows the symptom.
      FaultClass fault = callee == null ? sig.fault() : null;
      if (fault != null || sig.category().equals("error")) {
        origins.add(first.service());
      }
      ctx.addFinding(
          new Finding(
              name(),
              first.service(),
              first.service(),
              fault,
              summary,
              score,
              first.timestamp(),
              List.of(ev),
              new FindingDetail.LogCategoryRise(
                  sig.category(), first.severity().name(), lines.size(), expected, exception)));
      if (callee != null) {
        ctx.addFinding(
            new Finding(
                name(),
                callee,
                callee,
                calleeFault,
                first.service() + " reports " + sig.category() + " errors naming " + callee,
                score,
                first.timestamp(),
                List.of(ev),
                new FindingDetail.NamedCategory(
                    first.service(), sig.category(), callee, lines.size())));
      }
    }
  }

  /**
   * A caller's "connection refused to inventory:8080" or "timeout calling payment" names where the
   * failure is: the other service its lines mention most (at least 3 times), if any.
   */
  private static String namedCallee(InvestigationContext ctx, List<LogRecord> lines) {
    String caller = lines.get(0).service();
    Map<String, Integer> mentions = new LinkedHashMap<>();
    for (LogRecord r : lines.stream().limit(50).toList()) {
      String body = firstLine(r.body());
      for (String s : ctx.inventory().services()) {
        if (!s.equals(caller) && mentionsWord(body, s)) {
          mentions.merge(s, 1, Integer::sum);
        }
      }
    }
    return mentions.entrySet().stream()
        .filter(m -> m.getValue() >= 3)
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  static boolean mentionsWord(String text, String word) {
    int i = text.indexOf(word);
    while (i >= 0) {
      boolean startOk = i == 0 || !isNameChar(text.charAt(i - 1));
      int end = i + word.length();
      boolean endOk = end == text.length() || !isNameChar(text.charAt(end));
      if (startOk && endOk) {
        return true;
      }
      i = text.indexOf(word, i + 1);
    }
    return false;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }

  static double minutes(dev.warroom.model.TimeWindow w) {
    return w.length().toMillis() / 60_000.0;
  }

  /** One log record as an evidence row: time, service, level and the body's first line. */
  static String logRow(LogRecord r) {
    return r.timestamp() + " " + r.service() + " " + r.severity() + " " + firstLine(r.body());
  }

  static String firstLine(String body) {
    int nl = body.indexOf('\n');
    String s = nl < 0 ? body : body.substring(0, nl);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /** Groups lines by service and error category (the first matching signal). */
  private static String key(LogRecord r) {
    return r.service()
        + "|"
        + Signals.ofLog(r.body()).map(Signals.LogSignal::category).orElse("other");
  }

  private static Map<String, Integer> counts(List<LogRecord> logs, List<String> services) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (LogRecord r : logs) {
      if (services.isEmpty() || services.contains(r.service())) {
        m.merge(key(r), 1, Integer::sum);
      }
    }
    return m;
  }
}
