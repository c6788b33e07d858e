package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.InvalidInputException;
import dev.warroom.store.bundle.AlertParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Turns webhook payloads into incidents, idempotently: an incident is keyed by the alert's
 * fingerprint and start time, so repeated notifications of the same firing episode (Alertmanager
 * re-sends every {@code repeat_interval}) find the existing incident and start nothing. Resolved
 * notifications are recorded and mark the fingerprint's incidents resolved.
 */
final class AlertIntake {
  /** The webhook forms accepted, by the last path segment. */
  enum Kind {
    ALERTMANAGER,
    PAGERDUTY,
    OPSGENIE,
    GENERIC;

    static Kind parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new NotFound(
            "no webhook '" + s + "' (expected alertmanager, pagerduty, opsgenie or generic)");
      }
    }
  }

  /** What one notification did to one incident. */
  record Outcome(
      String incidentId, boolean created, String alertStatus, IncidentState state, boolean joined) {
    Outcome(String incidentId, boolean created, String alertStatus, IncidentState state) {
      this(incidentId, created, alertStatus, state, false);
    }
  }

  private final IncidentRepository repo;
  private final InvestigationQueue queue;
  private final InstantSource clock;
  private final long capacity;
  private volatile java.util.function.Consumer<Incident> onResolved = i -> {};
  private java.time.Duration groupWindow;
  private java.util.function.Supplier<dev.warroom.model.Topology> topology;

  AlertIntake(
      IncidentRepository repo, InvestigationQueue queue, InstantSource clock, long capacity) {
    this.capacity = capacity;
    this.repo = repo;
    this.queue = queue;
    this.clock = clock;
  }

  /**
   * Groups related alerts: a firing alert that starts within {@code window} of an open incident's
   * alert, on the same service or one the topology connects to it (a caller or callee), joins that
   * incident (issue 15) instead of opening its own investigation.
   */
  void groupRelated(
      java.time.Duration window, java.util.function.Supplier<dev.warroom.model.Topology> t) {
    this.groupWindow = window;
    this.topology = t;
  }

  /** Whether two services are related: the same, or a caller and its callee. */
  static boolean connected(dev.warroom.model.Topology t, String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return a.equals(b) || t.calleesOf(a).contains(b) || t.callersOf(a).contains(b);
  }

  /** The arrivals with each related firing alert marked to join its incident. */
  private List<IncidentRepository.Arrival> grouped(
      List<Alert> alerts, List<IncidentRepository.Arrival> arrivals) {
    if (groupWindow == null) {
      return arrivals;
    }
    dev.warroom.model.Topology t = topology.get();
    List<IncidentRepository.OpenAlert> open = new ArrayList<>(repo.openAlerts(1000));
    java.util.Set<String> known = new java.util.HashSet<>();
    open.forEach(o -> known.add(o.incidentId()));
    List<IncidentRepository.Arrival> out = new ArrayList<>(arrivals.size());
    for (int i = 0; i < arrivals.size(); i++) {
      IncidentRepository.Arrival arr = arrivals.get(i);
      Alert a = alerts.get(i);
      if (arr.fresh() == null || known.contains(arr.fresh().id())) {
        out.add(arr); // a resolve, or an incident that exists (the repository finds it)
        continue;
      }
      IncidentRepository.OpenAlert into = null;
      for (IncidentRepository.OpenAlert o : open) {
        if (Math.abs(java.time.Duration.between(o.startsAt(), a.startsAt()).toMillis())
                <= groupWindow.toMillis()
            && connected(t, o.service(), a.service())) {
          into = o;
          break;
        }
      }
      if (into == null) {
        // a new incident; later alerts of this notification may join it
        open.add(new IncidentRepository.OpenAlert(arr.fresh().id(), a.service(), a.startsAt()));
        known.add(arr.fresh().id());
        out.add(arr);
      } else {
        open.add(new IncidentRepository.OpenAlert(into.incidentId(), a.service(), a.startsAt()));
        out.add(arr.joining(into.incidentId()));
      }
    }
    return out;
  }

  /** Called, after the notification is stored, for each known incident it resolved. */
  void onResolved(java.util.function.Consumer<Incident> listener) {
    this.onResolved = listener;
  }

  /**
   * Parses every alert of the payload first, then records them all in one transaction (all or
   * nothing; refused whole with {@link QueueFull} when the waiting line would overflow).
   */
  List<Outcome> accept(Kind kind, byte[] body) {
    return record(parse(kind, body));
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The alerts of a webhook body; bad input is an {@link InvalidInputException}, never else. */
  static List<Alert> parse(Kind kind, byte[] body) {
    JsonNode doc;
    try {
      doc = JSON.readTree(body);
    } catch (IOException e) {
      throw new InvalidInputException("body#: not JSON" + JsonErrors.where(e));
    }
    if (doc == null || !doc.isObject()) {
      throw new InvalidInputException("body#: expected a JSON object");
    }
    return parse(kind, doc);
  }

  private static List<Alert> parse(Kind kind, JsonNode doc) {
    return switch (kind) {
      case ALERTMANAGER -> alertmanager(doc);
      case PAGERDUTY -> {
        if (!doc.path("event").isObject()) {
          throw new InvalidInputException("body#/event: expected the PagerDuty v3 event object");
        }
        yield List.of(AlertParser.parsePagerDuty(doc, "body"));
      }
      case OPSGENIE -> List.of(OpsgenieAlerts.parse(doc, "body"));
      case GENERIC -> List.of(AlertParser.parseGeneric(doc, "body"));
    };
  }

  /**
   * Every alert of the group, not only the first firing one as a bundle's alert.json takes. Linear
   * in the document: each alert is read through a small view holding the group's status and that
   * one alert (shared, not copied), never a copy of the whole notification.
   */
  static List<Alert> alertmanager(JsonNode doc) {
    JsonNode alerts = doc.get("alerts");
    if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
      throw new InvalidInputException("body#/alerts: expected a non-empty array of alerts");
    }
    List<Alert> out = new ArrayList<>(alerts.size());
    List<String> problems = new ArrayList<>();
    ObjectNode one = JsonNodeFactory.instance.objectNode();
    if (doc.has("status")) {
      one.set("status", doc.get("status"));
    }
    ArrayNode only = one.putArray("alerts");
    for (int i = 0; i < alerts.size(); i++) {
      only.removeAll();
      only.add(alerts.get(i));
      try {
        out.add(withGeneratorUrl(AlertParser.parseAlertmanager(one, "body"), alerts.get(i)));
      } catch (InvalidInputException e) {
        String index = "#/alerts/" + i;
        e.problems().forEach(p -> problems.add(p.replace("#/alerts/0", index)));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return out;
  }

  /**
   * Keeps the alert's {@code generatorURL} (the Prometheus expression that fired, linked from the
   * report page) as the annotation {@code generatorURL}, unless an annotation of that name exists.
   */
  static Alert withGeneratorUrl(Alert a, JsonNode alert) {
    JsonNode g = alert.get("generatorURL");
    if (g == null
        || !g.isTextual()
        || g.asText().isBlank()
        || a.annotations().containsKey("generatorURL")) {
      return a;
    }
    java.util.Map<String, String> annotations = new java.util.TreeMap<>(a.annotations());
    annotations.put("generatorURL", g.asText());
    return new Alert(
        a.fingerprint(),
        a.source(),
        a.status(),
        a.title(),
        a.signal(),
        a.service(),
        a.severity(),
        a.labels(),
        annotations,
        a.startsAt(),
        a.endsAt());
  }

  /** Records one alert (a bundle's) with the windows its manifest declares. */
  Outcome record(Alert a, SharedStore.Declared declared) {
    return record(List.of(a), declared).getFirst();
  }

  private List<Outcome> record(List<Alert> alerts) {
    return record(alerts, SharedStore.Declared.NONE);
  }

  private List<Outcome> record(List<Alert> alerts, SharedStore.Declared declared) {
    String declaredJson = declared.none() ? null : declared.toJson();
    var now = clock.instant();
    List<IncidentRepository.Arrival> arrivals = new ArrayList<>(alerts.size());
    for (Alert a : alerts) {
      String status = a.status() == AlertStatus.RESOLVED ? "resolved" : "firing";
      String source = a.source().name().toLowerCase(Locale.ROOT);
      String key = a.fingerprint() + "@" + a.startsAt();
      Incident fresh =
          a.status() == AlertStatus.RESOLVED
              ? null
              : new Incident(
                  "inc-" + sha256(key).substring(0, 16),
                  key,
                  a.fingerprint(),
                  source,
                  a.title(),
                  a.service(),
                  status,
                  IncidentState.QUEUED,
                  AlertParser.toJson(a).toString(),
                  now,
                  now,
                  null,
                  null,
                  null);
      arrivals.add(
          new IncidentRepository.Arrival(
              a.fingerprint(), status, source, key, fresh, declaredJson));
    }
    arrivals = grouped(alerts, arrivals);
    List<IncidentRepository.Inserted> stored;
    try {
      stored = repo.record(arrivals, capacity, now);
    } catch (QueueFull e) {
      queue.rejected.incrementAndGet();
      throw e;
    }
    List<Outcome> out = new ArrayList<>(stored.size());
    boolean created = false;
    List<Incident> resolved = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      IncidentRepository.Inserted ins = stored.get(i);
      Incident inc = ins.incident();
      if (ins.joined()) {
        out.add(new Outcome(inc.id(), false, arrivals.get(i).status(), inc.state(), true));
      } else if (arrivals.get(i).fresh() == null) {
        if (inc != null && !"resolved".equals(inc.alertStatus())) {
          resolved.add(inc); // resolved now (a repeated resolve notification announces nothing)
        }
        out.add(
            inc == null
                ? new Outcome(null, false, "resolved", null)
                : new Outcome(inc.id(), false, "resolved", inc.state()));
      } else {
        created |= ins.created();
        out.add(new Outcome(inc.id(), ins.created(), inc.alertStatus(), inc.state()));
      }
    }
    if (created) {
      queue.wakeUp();
    }
    for (Incident inc : resolved) {
      onResolved.accept(inc);
    }
    return out;
  }

  static String sha256Hex(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The waiting line is full: the sender should retry (Alertmanager does on 5xx). */
  static final class QueueFull extends RuntimeException {
    QueueFull() {
      super("investigation queue is full; retry later");
    }
  }

  /** An unknown resource, mapped to 404. */
  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }
}
