package dev.warroom.server;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * warroom's own metrics in the Prometheus text exposition format 0.0.4 (HELP/TYPE lines, one sample
 * per label set): HTTP requests by route and status, alerts received by webhook, feedback by
 * verdict, incidents by state, queue depth and investigation time.
 */
final class ServerMetrics {
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> alerts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> feedback = new ConcurrentHashMap<>();

  void request(String method, String route, int status) {
    String key =
        "method=\"%s\",route=\"%s\",status=\"%d\""
            .formatted(
                method, escape(route == null || route.isEmpty() ? "unmatched" : route), status);
    requests.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  void alerts(String webhook, int n) {
    alerts.computeIfAbsent("webhook=\"" + webhook + "\"", k -> new LongAdder()).add(n);
  }

  void feedback(boolean correct) {
    feedback.computeIfAbsent("correct=\"" + correct + "\"", k -> new LongAdder()).increment();
  }

  String render(Map<IncidentState, Long> byState, InvestigationQueue q) {
    StringBuilder b = new StringBuilder();
    counter(b, "warroom_http_requests_total", "HTTP requests served.", requests);
    counter(b, "warroom_alerts_received_total", "Alerts received by webhook.", alerts);
    counter(b, "warroom_feedback_total", "Report feedback received.", feedback);
    b.append("# HELP warroom_incidents Incidents by investigation state.\n");
    b.append("# TYPE warroom_incidents gauge\n");
    byState.forEach(
        (s, n) ->
            b.append("warroom_incidents{state=\"")
                .append(s.name().toLowerCase(Locale.ROOT))
                .append("\"} ")
                .append(n)
                .append('\n'));
    gauge(b, "warroom_queue_waiting", "Investigations waiting for a worker.", q.waiting());
    gauge(b, "warroom_investigations_running", "Investigations running now.", q.running.get());
    single(
        b,
        "warroom_investigations_completed_total",
        "counter",
        "Investigations that produced a report.",
        q.completed.get());
    single(
        b,
        "warroom_investigations_failed_total",
        "counter",
        "Investigations that failed.",
        q.failed.get());
    single(
        b,
        "warroom_investigations_rejected_total",
        "counter",
        "Investigations refused: queue full.",
        q.rejected.get());
    single(
        b,
        "warroom_investigations_lease_lost_total",
        "counter",
        "Investigations whose result was dropped: the lease was lost or handed back.",
        q.lost.get());
    single(
        b,
        "warroom_investigation_seconds_total",
        "counter",
        "Time spent investigating.",
        q.nanosTotal.get() / 1e9);
    return b.toString();
  }

  private static void counter(StringBuilder b, String name, String help, Map<String, LongAdder> m) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" counter\n");
    m.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.append(name)
                    .append('{')
                    .append(e.getKey())
                    .append("} ")
                    .append(e.getValue().sum())
                    .append('\n'));
  }

  private static void gauge(StringBuilder b, String name, String help, double v) {
    single(b, name, "gauge", help, v);
  }

  private static void single(StringBuilder b, String name, String type, String help, double v) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    b.append(name)
        .append(' ')
        .append(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v))
        .append('\n');
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
