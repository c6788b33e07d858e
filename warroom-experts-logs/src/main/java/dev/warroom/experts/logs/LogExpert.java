package dev.warroom.experts.logs;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logs expert. {@link #analyze} reassembles stack traces, mines templates over the baseline
 * then the incident records with one {@link TemplateMiner}, tests each template's frequency shift
 * ({@link FrequencyShift}), classifies the error and warning templates of the incident window
 * ({@link ErrorClassifier}) and extracts their entities ({@link EntityExtractor}). Each new or
 * increased error/warning template becomes a {@link Finding} whose score grows with the shift's
 * significance and severity, with the example lines as evidence. Pure: no I/O.
 */
public final class LogExpert {
  static final String NAME = "logs";
  private static final int EXAMPLES = 5;

  private LogExpert() {}

  /** Analyses with family-wise significance level 0.01. */
  public static LogAnalysis analyze(
      List<LogRecord> baseline,
      TimeWindow baselineWindow,
      List<LogRecord> incident,
      TimeWindow incidentWindow) {
    return analyze(baseline, baselineWindow, incident, incidentWindow, 0.01);
  }

  /** Full form; windows give the rates' time bases and must have positive length. */
  public static LogAnalysis analyze(
      List<LogRecord> baseline,
      TimeWindow baselineWindow,
      List<LogRecord> incident,
      TimeWindow incidentWindow,
      double alpha) {
    List<LogRecord> base = StackTraceAssembler.assemble(baseline);
    List<LogRecord> inc = StackTraceAssembler.assemble(incident);
    TemplateMiner miner = TemplateMiner.create();
    int[] baseIds = mine(miner, base);
    int[] incIds = mine(miner, inc);
    // per service and template: the same "failed to call cart" from two callers is two signals
    Map<Key, Stats> stats = new LinkedHashMap<>();
    for (int i = 0; i < base.size(); i++) {
      LogRecord r = base.get(i);
      Key k = new Key(r.service(), miner.templateId(baseIds[i]));
      stats.computeIfAbsent(k, Stats::new).add(r, false);
    }
    for (int i = 0; i < inc.size(); i++) {
      LogRecord r = inc.get(i);
      Key k = new Key(r.service(), miner.templateId(incIds[i]));
      stats.computeIfAbsent(k, Stats::new).add(r, true);
    }
    List<FrequencyShift.Counts> counts = new ArrayList<>();
    for (Stats s : stats.values()) {
      counts.add(
          new FrequencyShift.Counts(
              s.key.template(),
              s.key.service(),
              miner.template(s.key.template()),
              s.severity,
              s.baseline,
              s.incident,
              s.examples));
    }
    List<TemplateShift> shifts =
        FrequencyShift.compare(counts, baselineWindow.length(), incidentWindow.length(), alpha);
    List<ClassifiedError> errors = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (TemplateShift shift : shifts) {
      Stats s = stats.get(new Key(shift.service(), shift.templateId()));
      if (!s.severity.atLeast(Severity.WARN) || s.incident == 0) {
        continue;
      }
      String example = s.firstIncident.body();
      ErrorCategory category = ErrorClassifier.classify(example);
      List<Entity> entities = EntityExtractor.extract(example);
      errors.add(
          new ClassifiedError(s.key.template(), shift.template(), category, s.incident, entities));
      if (shift.kind() == TemplateShift.Kind.NEW || shift.kind() == TemplateShift.Kind.INCREASED) {
        findings.add(finding(shift, s, category, entities, findings.size() + 1));
      }
    }
    findings.sort((a, b) -> Double.compare(b.score(), a.score()));
    return new LogAnalysis(miner.templates(), shifts, errors, findings);
  }

  private static int[] mine(TemplateMiner miner, List<LogRecord> records) {
    int[] ids = new int[records.size()];
    for (int i = 0; i < ids.length; i++) {
      String body = records.get(i).body();
      int nl = body.indexOf('\n');
      ids[i] = miner.add(nl < 0 ? body : body.substring(0, nl));
    }
    return ids;
  }

  private static Finding finding(
      TemplateShift shift, Stats s, ErrorCategory category, List<Entity> entities, int n) {
    // -log10(p) of 10 or more is as strong as it gets; errors weigh more than warnings
    double strength = Math.min(1.0, -Math.log10(Math.max(shift.pValue(), 1e-300)) / 10.0);
    double weight = s.severity.atLeast(Severity.ERROR) ? 1.0 : 0.7;
    double score = Math.max(0.05, strength * weight);
    String service = s.firstIncident.service();
    String what =
        shift.kind() == TemplateShift.Kind.NEW
            ? "new " + s.severity + " template"
            : String.format(
                "%s template up %.1f -> %.1f/min",
                s.severity, shift.baselineRate(), shift.incidentRate());
    String summary =
        String.format(
            "%s: %s '%s' (%s), %d lines from %s",
            service,
            what,
            shift.template(),
            category.name().toLowerCase(java.util.Locale.ROOT),
            s.incident,
            s.firstIncident.timestamp());
    Evidence evidence =
        new Evidence(
            "log-" + n,
            EvidenceKind.LOG,
            NAME,
            "template " + shift.templateId() + ": " + shift.template(),
            Map.of(),
            summary,
            s.examples,
            entities.stream().map(Entity::value).distinct().toList(),
            null,
            null);
    return new Finding(
        NAME,
        service,
        service,
        category.faultClass(),
        summary,
        score,
        s.firstIncident.timestamp(),
        List.of(evidence),
        new FindingDetail.LogTemplateShift(
            shift.template(), s.severity.name(), s.baseline, s.incident));
  }

  private record Key(String service, int template) {}

  /** Per-service, per-template tallies. */
  private static final class Stats {
    final Key key;
    long baseline;
    long incident;
    Severity severity = Severity.TRACE;
    LogRecord firstIncident;
    final List<String> examples = new ArrayList<>();

    Stats(Key key) {
      this.key = key;
    }

    void add(LogRecord r, boolean inIncident) {
      if (r.severity().compareTo(severity) > 0) {
        severity = r.severity();
      }
      if (inIncident) {
        incident++;
        if (firstIncident == null || r.timestamp().isBefore(firstIncident.timestamp())) {
          firstIncident = r;
        }
        if (examples.size() < EXAMPLES) {
          examples.add(r.timestamp() + " " + r.service() + " " + r.severity() + " " + r.body());
        }
      } else {
        baseline++;
      }
    }
  }
}
