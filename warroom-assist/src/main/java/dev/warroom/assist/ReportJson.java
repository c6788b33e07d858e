package dev.warroom.assist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.CodeRef;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.Hypothesis;
import dev.warroom.model.HypothesisStatus;
import dev.warroom.model.Impact;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a report written by {@code warroom investigate --format json} (docs/report.schema.json)
 * back into an {@link RcaReport}, with what follow-up questions need: alert, verdict, summary,
 * impact, candidates, hypotheses, evidence (charts left out), findings (typed details left out),
 * remediation, runbook, missing data and timings. Bad input is an {@link IllegalArgumentException}
 * naming the file and the JSON path.
 */
public final class ReportJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportJson() {}

  /** The report in {@code file}. */
  public static RcaReport read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ":" + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage());
    }
    try {
      return parse(root);
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new IllegalArgumentException(file + ": not a warroom report: " + e.getMessage(), e);
    }
  }

  /** The report in {@code json}; {@code source} names it in error messages. */
  public static RcaReport parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage());
    }
    try {
      return parse(root);
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new IllegalArgumentException(source + ": not a warroom report: " + e.getMessage(), e);
    }
  }

  static RcaReport parse(JsonNode r) {
    if (!r.isObject() || !r.has("incidentId") || !r.has("verdict")) {
      throw new IllegalArgumentException("missing incidentId or verdict at the top level");
    }
    List<Evidence> evidence = new ArrayList<>();
    Map<String, Evidence> byId = new LinkedHashMap<>();
    for (JsonNode e : r.path("evidence")) {
      Evidence ev =
          new Evidence(
              text(e, "id"),
              EvidenceKind.valueOf(upper(text(e, "kind"))),
              text(e, "source"),
              e.path("query").asText(""),
              stringMap(e.path("renderedQueries")),
              text(e, "summary"),
              strings(e.path("rows")),
              strings(e.path("entities")),
              code(e.path("code")),
              null);
      evidence.add(ev);
      byId.put(ev.id(), ev);
    }
    List<RootCauseCandidate> candidates = new ArrayList<>();
    for (JsonNode c : r.path("candidates")) {
      candidates.add(
          new RootCauseCandidate(
              c.path("rank").asInt(),
              text(c, "service"),
              c.path("component").asText(null),
              FaultClass.parse(text(c, "faultClass")),
              instant(c.path("onset")),
              c.path("confidence").asDouble(),
              strings(c.path("evidence"))));
    }
    List<Hypothesis> hypotheses = new ArrayList<>();
    for (JsonNode h : r.path("hypotheses")) {
      hypotheses.add(
          new Hypothesis(
              text(h, "id"),
              text(h, "statement"),
              HypothesisStatus.valueOf(upper(text(h, "status"))),
              h.path("score").asDouble(),
              h.path("reason").asText(""),
              strings(h.path("evidence"))));
    }
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : r.path("findings")) {
      List<Evidence> fe = new ArrayList<>();
      for (String id : strings(f.path("evidence"))) {
        if (byId.containsKey(id)) {
          fe.add(byId.get(id));
        }
      }
      String fc = f.path("faultClass").asText(null);
      findings.add(
          new Finding(
              text(f, "expert"),
              f.path("service").asText(null),
              text(f, "component"),
              fc == null ? null : FaultClass.parse(fc),
              text(f, "summary"),
              f.path("score").asDouble(),
              instant(f.path("onset")),
              fe));
    }
    List<Remediation> remediation = new ArrayList<>();
    for (JsonNode m : r.path("remediation")) {
      remediation.add(
          new Remediation(
              Remediation.Phase.valueOf(upper(text(m, "phase"))),
              text(m, "action"),
              strings(m.path("evidence"))));
    }
    JsonNode i = r.path("impact");
    Impact impact =
        new Impact(
            i.path("summary").asText(""),
            strings(i.path("affectedServices")),
            strings(i.path("affectedRoutes")),
            strings(i.path("evidence")));
    Map<String, Long> timings = new LinkedHashMap<>();
    r.path("timings").properties().forEach(e -> timings.put(e.getKey(), e.getValue().asLong()));
    return new RcaReport(
        text(r, "incidentId"),
        alert(r.path("alert")),
        Verdict.valueOf(upper(text(r, "verdict"))),
        r.path("summary").asText(""),
        impact,
        candidates,
        hypotheses,
        evidence,
        remediation,
        r.path("runbook").asText(""),
        strings(r.path("missingData")),
        timings,
        findings);
  }

  private static Alert alert(JsonNode a) {
    if (a.isMissingNode() || a.isNull()) {
      return null;
    }
    return new Alert(
        text(a, "fingerprint"),
        AlertSource.valueOf(upper(text(a, "source"))),
        AlertStatus.valueOf(upper(text(a, "status"))),
        text(a, "title"),
        a.path("signal").asText(""),
        a.path("service").asText(null),
        a.path("severity").asText(null),
        stringMap(a.path("labels")),
        stringMap(a.path("annotations")),
        Instant.parse(text(a, "startsAt")),
        instant(a.path("endsAt")));
  }

  private static CodeRef code(JsonNode c) {
    if (c.isMissingNode() || c.isNull()) {
      return null;
    }
    return new CodeRef(
        c.path("repository").asText(null),
        text(c, "path"),
        c.path("line").asInt(),
        c.path("commit").asText(null));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v.asText();
  }

  private static Instant instant(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : Instant.parse(n.asText());
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static Map<String, String> stringMap(JsonNode o) {
    Map<String, String> out = new LinkedHashMap<>();
    o.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}
