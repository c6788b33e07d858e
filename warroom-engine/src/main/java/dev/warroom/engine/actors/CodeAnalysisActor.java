package dev.warroom.engine.actors;

import dev.warroom.engine.agents.ExpertDesk;
import dev.warroom.experts.code.CodeExpert;
import dev.warroom.model.CodeRef;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.LogRecord;
import dev.warroom.model.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code code_analysis}: the stack traces in the error logs of the given services, analysed by the
 * code expert ({@link dev.warroom.experts.code.CodeExpert#analyzeLogs}: root cause, innermost
 * application frame, mapped to the service's code snapshot, static reasoning about the failing
 * line). Which records the code expert sees is the router's decision: a sample of each service's
 * multi-line error bodies is routed ({@link ExpertDesk#route}), and only when the route names the
 * code expert (a stack trace) are that service's records handed to it. When the router is unsure
 * (no expert named) the records are analysed anyway, as before routing existed, and the evidence
 * says so; when it names other experts only (a plain log layout), the service is skipped.
 */
public final class CodeAnalysisActor
    implements Actor<CodeAnalysisActor.Input, CodeAnalysisActor.Output> {

  /** Bodies per service joined into the sample that is routed. */
  static final int ROUTED_BODIES = 3;

  /** Findings kept, strongest first. */
  private static final int MAX_FINDINGS = 3;

  /**
   * @param services services whose stack traces to map; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param found whether a frame was mapped to a snapshot line
   * @param locations {@code service path:line} of the mapped frames
   */
  public record Output(boolean found, List<String> locations) {}

  @Override
  public String name() {
    return "code_analysis";
  }

  @Override
  public String description() {
    return "stack traces routed to the code expert and mapped to the service's code snapshot";
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
    if (!ctx.inventory().hasCode() || !ctx.inventory().hasLogs()) {
      return new Output(false, List.of());
    }
    RecentWindows.Logs lg = RecentWindows.problemLogs(ctx);
    Map<String, List<LogRecord>> byService = new LinkedHashMap<>();
    for (LogRecord r : lg.incident().rows()) {
      if ((!in.services().isEmpty() && !in.services().contains(r.service()))
          || r.body().isBlank()
          || r.body().indexOf('\n') < 0 && !r.body().contains(" at ")) {
        continue;
      }
      // A stack trace of a failed call to a dependency (refused, timed out, 5xx) is the caller
      // reporting a symptom, not a fault in its own code.
      var sig = Signals.ofLog(r.body());
      if (sig.isPresent()
          && !sig.get().category().equals("error")
          && sig.get().fault() != FaultClass.CODE_EXCEPTION) {
        continue;
      }
      byService.computeIfAbsent(r.service(), k -> new ArrayList<>()).add(r);
    }
    List<SourceFile> code = ctx.agent().source().code();
    record Located(
        CodeExpert.LogFailure failure, CodeRef ref, String service, ExpertDesk.Routing routing) {
      /**
       * Confidence that the failing line is a cause: grows with the failures seen at it (0.5 + 0.02
       * per record, as before the expert was used), reduced like the expert's own score (x0.6) when
       * the error was raised because a dependency failed.
       */
      double score() {
        return Math.min(1, 0.5 + 0.02 * failure.occurrences())
            * (failure.dependencyFailure() ? 0.6 : 1.0);
      }
    }
    Map<String, Located> byLocation = new LinkedHashMap<>();
    for (var e : byService.entrySet()) {
      ExpertDesk.Routing routing = ctx.experts().route(sample(e.getValue()));
      boolean unsure = routing.experts().isEmpty();
      if (!unsure && !routing.sendsTo("code")) {
        continue;
      }
      for (CodeExpert.LogFailure f : ctx.experts().code().analyzeLogFailures(e.getValue(), code)) {
        CodeRef ref = mappedLine(f.finding());
        if (ref == null) {
          continue;
        }
        String key = e.getKey() + " " + ref.path() + ":" + ref.line();
        Located l = new Located(f, ref, e.getKey(), routing);
        Located prev = byLocation.get(key);
        if (prev == null || l.score() > prev.score()) {
          byLocation.put(key, l);
        }
      }
    }
    List<String> locations = new ArrayList<>();
    byLocation.entrySet().stream()
        .sorted(Comparator.comparingDouble(e -> -e.getValue().score()))
        .limit(MAX_FINDINGS)
        .forEach(
            e -> {
              Located l = e.getValue();
              List<LogRecord> lines = byService.get(l.service());
              String location = l.ref().path() + ":" + l.ref().line();
              Finding expert = l.failure().finding();
              String summary =
                  l.service()
                      + ": "
                      + l.failure().occurrences()
                      + " stack traces fail at "
                      + location
                      + ": "
                      + expert.summary();
              List<Evidence> evidence = new ArrayList<>();
              evidence.add(routingEvidence(ctx, lg, l.service(), l.routing(), lines));
              for (Evidence ev : expert.evidence()) {
                evidence.add(ctx.evidence().adopt(ev, lg.incident()));
              }
              ctx.addFinding(
                  new Finding(
                      name(),
                      l.service(),
                      location,
                      expert.faultClass(),
                      summary,
                      l.score(),
                      expert.onset(),
                      evidence,
                      new FindingDetail.CodeFailure(
                          l.ref().path(),
                          l.ref().line(),
                          expert.detail() instanceof FindingDetail.CodeFailure c
                              ? c.function()
                              : "",
                          expert.detail() instanceof FindingDetail.CodeFailure c
                              ? c.exception()
                              : "",
                          l.failure().occurrences())));
              locations.add(e.getKey());
            });
    return new Output(!locations.isEmpty(), locations);
  }

  /** A few bodies of the service's stack-trace records, as the router sees them. */
  static String sample(List<LogRecord> records) {
    Set<String> bodies = new LinkedHashSet<>();
    for (LogRecord r : records) {
      bodies.add(r.body());
      if (bodies.size() == ROUTED_BODIES) {
        break;
      }
    }
    return String.join("\n", bodies);
  }

  /** The snapshot line of an expert finding, null when its frame is not in the snapshot. */
  private static CodeRef mappedLine(Finding f) {
    return f.evidence().stream()
        .map(Evidence::code)
        .filter(c -> c != null && c.commit() == null)
        .findFirst()
        .orElse(null);
  }

  private Evidence routingEvidence(
      InvestigationContext ctx,
      RecentWindows.Logs lg,
      String service,
      ExpertDesk.Routing routing,
      List<LogRecord> lines) {
    String how =
        routing.experts().isEmpty()
            ? routing.describe() + "; analysed by the code expert anyway (no routing decision)"
            : routing.describe();
    List<String> rows =
        lines.stream().limit(ROUTED_BODIES).map(ErrorLocalizationActor::logRow).toList();
    return ctx.evidence()
        .add(
            EvidenceKind.LOG,
            name(),
            lg.incident(),
            service + ": " + lines.size() + " error records with stack traces, " + how,
            rows,
            List.of(service, Integer.toString(lines.size()), routing.kind().id()),
            null);
  }
}
