package dev.warroom.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.Alert;
import dev.warroom.model.CodeRef;
import dev.warroom.model.DataQuality;
import dev.warroom.model.Evidence;
import dev.warroom.model.FileQuality;
import dev.warroom.model.Finding;
import dev.warroom.model.Hypothesis;
import dev.warroom.model.HypothesisStatus;
import dev.warroom.model.Impact;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.SeriesChart;
import dev.warroom.model.TimeWindow;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an {@link RcaReport} as JSON following docs/report.schema.json ({@value #SCHEMA_ID}).
 * Field order is fixed and maps are sorted, so the same report always renders to the same bytes;
 * enums are lower snake case ({@code root_cause_found}); instants are ISO-8601 UTC; NaN (a baseline
 * band gap) is {@code null}.
 */
public final class JsonReport {
  /** The {@code $id} of the schema this renderer follows. */
  public static final String SCHEMA_ID = "https://warroom.dev/schemas/report-v1.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** The report as pretty-printed JSON text ending in a newline. */
  public static String render(RcaReport report) {
    try {
      return MAPPER.writeValueAsString(tree(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The report as a JSON tree. */
  public static ObjectNode tree(RcaReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", SCHEMA_ID);
    root.put("incidentId", r.incidentId());
    root.put("verdict", lower(r.verdict().name()));
    root.put("summary", r.summary());
    root.set("alert", r.alert() == null ? root.nullNode() : alert(r.alert()));
    root.set("impact", impact(r.impact()));
    ArrayNode candidates = root.putArray("candidates");
    r.candidates().forEach(c -> candidates.add(candidate(c)));
    ArrayNode hypotheses = root.putArray("hypotheses");
    r.hypotheses().forEach(h -> hypotheses.add(hypothesis(h)));
    ArrayNode pruned = root.putArray("pruned");
    r.hypotheses().stream()
        .filter(h -> h.status() == HypothesisStatus.PRUNED)
        .forEach(
            h -> {
              ObjectNode p = pruned.addObject();
              p.put("id", h.id());
              p.put("statement", h.statement());
              p.put("reason", h.reason());
              ids(p, "evidence", h.evidenceIds());
            });
    ArrayNode evidence = root.putArray("evidence");
    r.evidence().forEach(e -> evidence.add(evidence(e)));
    ArrayNode findings = root.putArray("findings");
    r.findings().forEach(f -> findings.add(finding(f)));
    ArrayNode remediation = root.putArray("remediation");
    r.remediation().forEach(m -> remediation.add(remediation(m)));
    root.put("runbook", r.runbook());
    ids(root, "missingData", r.missingData());
    ObjectNode timings = root.putObject("timings");
    new TreeMap<>(r.timingsMillis()).forEach(timings::put);
    if (DataQualityText.present(r.dataQuality())) {
      root.set("dataQuality", dataQuality(r.dataQuality()));
    }
    if (r.model() != null) {
      root.put("model", r.model());
    }
    return root;
  }

  private static ObjectNode dataQuality(DataQuality q) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("records", q.recordsTotal());
    n.put("skipped", q.skippedTotal());
    ArrayNode files = n.putArray("files");
    for (FileQuality f : q.files()) {
      ObjectNode o = files.addObject();
      o.put("path", f.path());
      o.put("records", f.records());
      ObjectNode skipped = o.putObject("skipped");
      f.skipped().forEach(skipped::put);
      ObjectNode noted = o.putObject("noted");
      f.noted().forEach(noted::put);
      ids(o, "examples", f.examples());
    }
    ids(n, "notes", q.notes());
    return n;
  }

  private static ObjectNode alert(Alert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("fingerprint", a.fingerprint());
    n.put("source", lower(a.source().name()));
    n.put("status", lower(a.status().name()));
    n.put("title", a.title());
    n.put("signal", a.signal());
    n.put("service", a.service());
    n.put("severity", a.severity());
    n.set("labels", stringMap(a.labels()));
    n.set("annotations", stringMap(a.annotations()));
    n.put("startsAt", instant(a.startsAt()));
    n.put("endsAt", instant(a.endsAt()));
    return n;
  }

  private static ObjectNode impact(Impact i) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("summary", i.summary());
    ids(n, "affectedServices", i.affectedServices());
    ids(n, "affectedRoutes", i.affectedRoutes());
    ids(n, "evidence", i.evidenceIds());
    return n;
  }

  private static ObjectNode candidate(RootCauseCandidate c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("rank", c.rank());
    n.put("service", c.service());
    n.put("component", c.component());
    n.put("faultClass", c.faultClass().id());
    n.put("faultLevel", lower(c.faultClass().level().name()));
    n.put("onset", instant(c.onset()));
    n.put("confidence", c.confidence());
    ids(n, "evidence", c.evidenceIds());
    return n;
  }

  private static ObjectNode hypothesis(Hypothesis h) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", h.id());
    n.put("statement", h.statement());
    n.put("status", lower(h.status().name()));
    n.put("score", h.score());
    n.put("reason", h.reason());
    ids(n, "evidence", h.evidenceIds());
    return n;
  }

  private static ObjectNode evidence(Evidence e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", e.id());
    n.put("kind", lower(e.kind().name()));
    n.put("source", e.source());
    n.put("query", e.query());
    n.set("renderedQueries", stringMap(e.renderedQueries()));
    n.put("summary", e.summary());
    ids(n, "rows", e.rows());
    ids(n, "entities", e.entities());
    n.set("code", e.code() == null ? n.nullNode() : code(e.code()));
    n.set("chart", e.chart() == null ? n.nullNode() : chart(e.chart()));
    return n;
  }

  private static ObjectNode finding(Finding f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("expert", f.expert());
    n.put("service", f.service());
    n.put("component", f.component());
    n.put("faultClass", f.faultClass() == null ? null : f.faultClass().id());
    n.put("summary", f.summary());
    n.put("score", f.score());
    n.put("onset", instant(f.onset()));
    ids(n, "evidence", f.evidence().stream().map(Evidence::id).toList());
    n.set("detail", FindingDetailJson.write(f.detail()));
    return n;
  }

  private static ObjectNode code(CodeRef c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("repository", c.repository());
    n.put("path", c.path());
    n.put("line", c.line());
    n.put("commit", c.commit());
    return n;
  }

  private static ObjectNode chart(SeriesChart c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("series", c.key().toString());
    n.put("metric", c.key().name());
    n.set("labels", stringMap(c.key().labels()));
    ArrayNode ts = n.putArray("timestamps");
    for (long t : c.timestampsMillis()) {
      ts.add(instant(Instant.ofEpochMilli(t)));
    }
    numbers(n.putArray("values"), c.values());
    if (c.bandLower() == null) {
      n.putNull("band");
    } else {
      ObjectNode band = n.putObject("band");
      band.put("label", c.bandLabel());
      numbers(band.putArray("lower"), c.bandLower());
      numbers(band.putArray("upper"), c.bandUpper());
    }
    n.set("highlight", c.highlight() == null ? n.nullNode() : window(c.highlight()));
    return n;
  }

  private static ObjectNode window(TimeWindow w) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("start", instant(w.start()));
    n.put("end", instant(w.end()));
    return n;
  }

  private static ObjectNode remediation(Remediation m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("phase", lower(m.phase().name()));
    n.put("action", m.action());
    ids(n, "evidence", m.evidenceIds());
    return n;
  }

  private static void numbers(ArrayNode out, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        out.add(v);
      } else {
        out.addNull();
      }
    }
  }

  private static void ids(ObjectNode n, String field, List<String> values) {
    ArrayNode a = n.putArray(field);
    values.forEach(a::add);
  }

  private static JsonNode stringMap(Map<String, String> map) {
    ObjectNode n = MAPPER.createObjectNode();
    new TreeMap<>(map).forEach(n::put);
    return n;
  }

  private static String instant(Instant t) {
    return t == null ? null : t.toString();
  }

  private static String lower(String enumName) {
    return enumName.toLowerCase(Locale.ROOT);
  }
}
