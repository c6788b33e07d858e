package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes alerts in the three accepted forms: an Alertmanager webhook (<a
 * href="https://prometheus.io/docs/alerting/latest/configuration/#webhook_config">webhook_config
 * payload</a>), a PagerDuty v3 webhook (<a
 * href="https://developer.pagerduty.com/docs/webhooks-overview">event with an incident as
 * data</a>), and the generic form {@code {"title","source","signal","service","severity",
 * "startsAt","endsAt","labels"}}. Problems are reported as {@code source#/json/pointer: what}. The
 * HTTP webhooks of the server reuse this class.
 */
public final class AlertParser {
  /** Alertmanager's "no end" time. */
  private static final String AM_ZERO = "0001-01-01T00:00:00Z";

  private AlertParser() {}

  /** Detects the form: an {@code alerts} array is Alertmanager, an {@code event} PagerDuty. */
  public static Alert parse(JsonNode doc, String sourceName) {
    if (doc == null || !doc.isObject()) {
      throw new InvalidInputException(sourceName + "#: expected a JSON object");
    }
    if (doc.has("alerts")) {
      return parseAlertmanager(doc, sourceName);
    }
    if (doc.has("event") && doc.get("event").has("event_type")) {
      return parsePagerDuty(doc, sourceName);
    }
    return parseGeneric(doc, sourceName);
  }

  public static Alert parse(byte[] json, String sourceName) {
    try {
      return parse(ModelJson.MAPPER.readTree(json), sourceName);
    } catch (IOException e) {
      throw new InvalidInputException(JsonProblems.at(sourceName, e));
    }
  }

  public static Alert parseAlertmanager(JsonNode doc, String src) {
    List<String> problems = new ArrayList<>();
    JsonNode alerts = doc.get("alerts");
    if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
      throw new InvalidInputException(src + "#/alerts: expected a non-empty array of alerts");
    }
    int index = 0;
    for (int i = 0; i < alerts.size(); i++) {
      if ("firing".equals(alerts.get(i).path("status").asText())) {
        index = i;
        break;
      }
    }
    JsonNode a = alerts.get(index);
    String at = src + "#/alerts/" + index;
    Map<String, String> labels = objectMap(a, "labels", at, problems);
    Map<String, String> annotations = objectMap(a, "annotations", at, problems);
    String statusText =
        a.hasNonNull("status") ? a.get("status").asText() : doc.path("status").asText("firing");
    AlertStatus status = status(statusText, at + "/status", problems);
    Instant starts = time(a, "startsAt", at, problems, true);
    Instant ends = null;
    if (a.hasNonNull("endsAt") && !AM_ZERO.equals(a.get("endsAt").asText())) {
      ends = time(a, "endsAt", at, problems, false);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String fingerprint =
        a.hasNonNull("fingerprint") ? a.get("fingerprint").asText() : fingerprintOf(labels);
    Instant end = ends;
    return build(
        problems,
        at,
        () ->
            new Alert(
                fingerprint,
                AlertSource.ALERTMANAGER,
                status,
                amTitle(labels, annotations),
                amSignal(labels),
                labels.get("service"),
                labels.getOrDefault("severity", "warning"),
                labels,
                annotations,
                starts,
                end));
  }

  private static String amTitle(Map<String, String> labels, Map<String, String> annotations) {
    String t = annotations.get("summary");
    if (t == null || t.isBlank()) {
      t = annotations.get("title");
    }
    if (t == null || t.isBlank()) {
      t = labels.get("alertname");
    }
    return t == null || t.isBlank() ? "alert" : t;
  }

  private static String amSignal(Map<String, String> labels) {
    String s = labels.get("signal");
    return s != null ? s : labels.getOrDefault("alertname", "");
  }

  public static Alert parsePagerDuty(JsonNode doc, String src) {
    List<String> problems = new ArrayList<>();
    JsonNode event = doc.get("event");
    JsonNode data = event.get("data");
    if (data == null || !data.isObject()) {
      throw new InvalidInputException(src + "#/event/data: expected the incident object");
    }
    String at = src + "#/event/data";
    String type = event.path("event_type").asText();
    String title = data.path("title").asText("");
    if (title.isBlank()) {
      problems.add(at + "/title: missing");
    }
    boolean resolved =
        "resolved".equals(data.path("status").asText()) || type.equals("incident.resolved");
    Instant starts =
        data.hasNonNull("created_at")
            ? time(data, "created_at", at, problems, true)
            : time(event, "occurred_at", src + "#/event", problems, true);
    Instant ends = resolved ? time(event, "occurred_at", src + "#/event", problems, true) : null;
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Map<String, String> labels = new TreeMap<>();
    if (data.hasNonNull("urgency")) {
      labels.put("urgency", data.get("urgency").asText());
    }
    Map<String, String> annotations = new TreeMap<>();
    if (data.hasNonNull("html_url")) {
      annotations.put("html_url", data.get("html_url").asText());
    }
    String fingerprint =
        data.hasNonNull("incident_key")
            ? data.get("incident_key").asText()
            : data.path("id").asText(title);
    String severity =
        data.path("priority").hasNonNull("summary")
            ? data.get("priority").get("summary").asText()
            : data.path("urgency").asText("warning");
    String service = data.path("service").path("summary").asText(null);
    return build(
        problems,
        at,
        () ->
            new Alert(
                fingerprint,
                AlertSource.PAGERDUTY,
                resolved ? AlertStatus.RESOLVED : AlertStatus.FIRING,
                title,
                "",
                service,
                severity,
                labels,
                annotations,
                starts,
                ends));
  }

  public static Alert parseGeneric(JsonNode doc, String src) {
    List<String> problems = new ArrayList<>();
    String at = src + "#";
    String title = doc.path("title").asText("");
    if (title.isBlank()) {
      problems.add(at + "/title: missing");
    }
    Map<String, String> labels = objectMap(doc, "labels", at, problems);
    Map<String, String> annotations = objectMap(doc, "annotations", at, problems);
    Instant starts = time(doc, "startsAt", at, problems, true);
    Instant ends = doc.hasNonNull("endsAt") ? time(doc, "endsAt", at, problems, false) : null;
    AlertStatus status =
        doc.hasNonNull("status")
            ? status(doc.get("status").asText(), at + "/status", problems)
            : AlertStatus.FIRING;
    String sourceText = doc.path("source").asText("generic");
    AlertSource source = AlertSource.GENERIC;
    for (AlertSource s : AlertSource.values()) {
      if (s.name().equalsIgnoreCase(sourceText)) {
        source = s;
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String service = doc.path("service").asText(null);
    String fingerprint =
        doc.hasNonNull("fingerprint")
            ? doc.get("fingerprint").asText()
            : fingerprintOf(
                Map.of(
                    "title",
                    title,
                    "service",
                    String.valueOf(service),
                    "startsAt",
                    starts.toString()));
    AlertSource src2 = source;
    return build(
        problems,
        at,
        () ->
            new Alert(
                fingerprint,
                src2,
                status,
                title,
                doc.path("signal").asText(""),
                service,
                doc.path("severity").asText(null),
                labels,
                annotations,
                starts,
                ends));
  }

  private interface AlertBuilder {
    Alert build();
  }

  private static Alert build(List<String> problems, String at, AlertBuilder b) {
    try {
      return b.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException(at + ": " + e.getMessage());
    }
  }

  private static AlertStatus status(String text, String at, List<String> problems) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "firing", "triggered", "open", "" -> AlertStatus.FIRING;
      case "resolved", "closed" -> AlertStatus.RESOLVED;
      default -> {
        problems.add(at + ": unknown status '" + text + "' (expected firing or resolved)");
        yield AlertStatus.FIRING;
      }
    };
  }

  private static Instant time(
      JsonNode n, String field, String at, List<String> problems, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(at + "/" + field + ": missing");
      }
      return null;
    }
    try {
      return Timestamps.UTC.parse(v);
    } catch (IllegalArgumentException e) {
      problems.add(at + "/" + field + ": " + e.getMessage());
      return null;
    }
  }

  private static Map<String, String> objectMap(
      JsonNode n, String field, String at, List<String> problems) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      problems.add(at + "/" + field + ": expected an object, got " + v.getNodeType());
      return Map.of();
    }
    return ModelJson.stringMap(v);
  }

  static String fingerprintOf(Map<String, String> labels) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      new TreeMap<>(labels)
          .forEach(
              (k, v) -> md.update((k + "\u0000" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- writing -----------------------------------------------------------------------------

  /**
   * The alert in the form its source uses: Alertmanager alerts as an Alertmanager webhook,
   * PagerDuty ones as a PagerDuty v3 webhook when everything fits that form, the rest in the
   * generic form. Reading the result back gives the same alert.
   */
  public static ObjectNode toJson(Alert a) {
    return switch (a.source()) {
      case ALERTMANAGER -> toAlertmanager(a);
      case PAGERDUTY -> fitsPagerDuty(a) ? toPagerDuty(a) : toGeneric(a);
      case OPSGENIE, GENERIC -> toGeneric(a);
    };
  }

  public static ObjectNode toAlertmanager(Alert a) {
    Map<String, String> labels = new TreeMap<>(a.labels());
    Map<String, String> annotations = new TreeMap<>(a.annotations());
    if (a.service() != null && !a.service().equals(labels.get("service"))) {
      labels.put("service", a.service());
    }
    if (!a.severity().equals(labels.getOrDefault("severity", "warning"))) {
      labels.put("severity", a.severity());
    }
    if (!a.signal().equals(amSignal(labels))) {
      labels.put(
          labels.containsKey("alertname") || a.signal().isEmpty() ? "signal" : "alertname",
          a.signal());
    }
    if (!a.title().equals(amTitle(labels, annotations))) {
      annotations.put("summary", a.title());
    }
    ObjectNode doc = ModelJson.MAPPER.createObjectNode();
    String status = a.status() == AlertStatus.FIRING ? "firing" : "resolved";
    doc.put("version", "4")
        .put("groupKey", "{}:{alertname=\"" + labels.getOrDefault("alertname", "") + "\"}");
    doc.put("truncatedAlerts", 0).put("status", status).put("receiver", "warroom");
    doc.set("groupLabels", ModelJson.MAPPER.createObjectNode());
    doc.set("commonLabels", ModelJson.mapNode(labels));
    doc.set("commonAnnotations", ModelJson.mapNode(annotations));
    doc.put("externalURL", "");
    ArrayNode alerts = doc.putArray("alerts");
    ObjectNode o = alerts.addObject().put("status", status);
    o.set("labels", ModelJson.mapNode(labels));
    o.set("annotations", ModelJson.mapNode(annotations));
    o.put("startsAt", a.startsAt().toString());
    o.put("endsAt", a.endsAt() == null ? AM_ZERO : a.endsAt().toString());
    o.put("generatorURL", "").put("fingerprint", a.fingerprint());
    return doc;
  }

  private static boolean fitsPagerDuty(Alert a) {
    return a.signal().isEmpty()
        && a.labels().keySet().stream().allMatch("urgency"::equals)
        && a.annotations().keySet().stream().allMatch("html_url"::equals)
        && (a.status() == AlertStatus.FIRING) == (a.endsAt() == null);
  }

  public static ObjectNode toPagerDuty(Alert a) {
    ObjectNode doc = ModelJson.MAPPER.createObjectNode();
    ObjectNode ev = doc.putObject("event");
    boolean resolved = a.status() == AlertStatus.RESOLVED;
    ev.put("id", a.fingerprint())
        .put("event_type", resolved ? "incident.resolved" : "incident.triggered");
    ev.put("resource_type", "incident");
    ev.put("occurred_at", (resolved ? a.endsAt() : a.startsAt()).toString());
    ObjectNode d = ev.putObject("data");
    d.put("id", a.fingerprint()).put("type", "incident").put("title", a.title());
    d.put("status", resolved ? "resolved" : "triggered").put("incident_key", a.fingerprint());
    d.put("created_at", a.startsAt().toString());
    if (a.service() != null) {
      d.putObject("service").put("summary", a.service()).put("type", "service_reference");
    }
    d.putObject("priority").put("summary", a.severity());
    if (a.labels().containsKey("urgency")) {
      d.put("urgency", a.labels().get("urgency"));
    }
    if (a.annotations().containsKey("html_url")) {
      d.put("html_url", a.annotations().get("html_url"));
    }
    return doc;
  }

  public static ObjectNode toGeneric(Alert a) {
    ObjectNode n = ModelJson.MAPPER.createObjectNode();
    n.put("title", a.title()).put("source", a.source().name().toLowerCase(Locale.ROOT));
    n.put("signal", a.signal());
    if (a.service() != null) {
      n.put("service", a.service());
    }
    n.put("severity", a.severity()).put("startsAt", a.startsAt().toString());
    if (a.endsAt() != null) {
      n.put("endsAt", a.endsAt().toString());
    }
    n.set("labels", ModelJson.mapNode(a.labels()));
    if (!a.annotations().isEmpty()) {
      n.set("annotations", ModelJson.mapNode(new LinkedHashMap<>(a.annotations())));
    }
    n.put("fingerprint", a.fingerprint()).put("status", a.status().name().toLowerCase(Locale.ROOT));
    return n;
  }
}
