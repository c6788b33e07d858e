package dev.warroom.gym;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * Samples requests through the call graph in the incident window, frame by frame, and emits their
 * spans (server and client spans, producer/consumer for the bus) and the log lines the services
 * write while serving them. Each request draws its own latency and errors from the frame's per-pod
 * and per-edge state, so a failing dependency surfaces as error spans and error logs at every
 * caller up to the entry point, and one slow pod shows as slow spans on that pod only.
 */
final class TraceSynth {
  private record Result(double durMs, Failure failure) {}

  private final Simulator sim;
  private final LogStyle style;
  private final RandomGenerator rnd;
  private final int tracesPerMinute;
  private final BiFunction<Integer, Long, String> versionAt;
  final List<Span> spans = new ArrayList<>();
  final List<LogRecord> logs = new ArrayList<>();
  final int[] logCount;
  private final double meanEntryRate;

  TraceSynth(
      Simulator sim,
      LogStyle style,
      RandomGenerator rnd,
      int tracesPerMinute,
      BiFunction<Integer, Long, String> versionAt) {
    this.sim = sim;
    this.style = style;
    this.rnd = rnd;
    this.tracesPerMinute = tracesPerMinute;
    this.versionAt = versionAt;
    this.logCount = new int[sim.system.services().size()];
    double m = 0;
    for (double w : sim.graph.entryWeight) {
      m += w;
    }
    meanEntryRate = m;
  }

  void run() {
    for (Simulator.Frame fr : sim.frames) {
      double entry = 0;
      for (int ep = 0; ep < sim.graph.nEndpoints; ep++) {
        if (sim.graph.entryWeight[ep] > 0) {
          entry += fr.epRate()[ep];
        }
      }
      double expected = tracesPerMinute / 4.0 * entry / meanEntryRate;
      int n = (int) Math.max(0, Math.round(expected + Math.sqrt(expected) * rnd.nextGaussian()));
      for (int k = 0; k < n; k++) {
        int ep = pickEntry(fr, entry);
        double start = fr.time() + rnd.nextDouble() * Timeline.WINDOW_STEP_MILLIS;
        server(ep, hex(rnd.nextLong()) + hex(rnd.nextLong()), null, start, fr, -1);
      }
    }
  }

  private int pickEntry(Simulator.Frame fr, double total) {
    double x = rnd.nextDouble() * total;
    int last = 0;
    for (int ep = 0; ep < sim.graph.nEndpoints; ep++) {
      if (sim.graph.entryWeight[ep] > 0) {
        last = ep;
        x -= fr.epRate()[ep];
        if (x <= 0) {
          return ep;
        }
      }
    }
    return last;
  }

  private int pickPod(int s, Simulator.Frame fr) {
    int[] pods = sim.cluster.podsOfService[s];
    int serving = 0;
    for (int p : pods) {
      serving += fr.podUp()[p] ? 1 : 0;
    }
    if (serving == 0) {
      return -1;
    }
    int k = rnd.nextInt(serving);
    for (int p : pods) {
      if (fr.podUp()[p] && k-- == 0) {
        return p;
      }
    }
    return -1;
  }

  private double lognormal(double sigma) {
    return Math.exp(sigma * rnd.nextGaussian() - sigma * sigma / 2);
  }

  /** Serves an endpoint of an application service or load balancer; emits its server span. */
  private Result server(
      int ep, String traceId, String parentId, double start, Simulator.Frame fr, int viaEdge) {
    int s = sim.graph.endpointService[ep];
    SystemSpec.Service svc = sim.system.services().get(s);
    int pod = pickPod(s, fr);
    if (pod < 0) {
      return new Result(0.5, Failure.NO_HEALTHY_UPSTREAM);
    }
    String spanId = hex(rnd.nextLong());
    double self =
        fr.podSelfMs()[pod]
            * sim.epFactor[ep]
            * fr.epSelfMult()[ep]
            * lognormal(0.45 + sim.noiseSigma[s]);
    Failure failure = null;
    String failedCallee = null;
    String failedCalleeEp = null;
    String failedCalleeIp = "";
    if (rnd.nextDouble() < fr.podErr()[pod]) {
      failure = fr.podFailure()[pod] == null ? Failure.TRANSIENT : fr.podFailure()[pod];
    } else if (rnd.nextDouble() < fr.epSelfErr()[ep]) {
      failure = fr.epSelfFailure()[ep];
    }
    double cursor = start + self * 0.3;
    List<SpanEvent> events = new ArrayList<>();
    if (failure == null) {
      for (Graph.CallRef c : sim.graph.calls.get(ep)) {
        int n = (int) c.count() + (rnd.nextDouble() < c.count() - (int) c.count() ? 1 : 0);
        for (int i = 0; i < Math.min(n, 3) && failure == null; i++) {
          int attempts =
              (int)
                  Math.max(
                      1,
                      Math.min(
                          5,
                          Math.round(
                              fr.edgeRateMult()[c.edge()] * (0.7 + 0.6 * rnd.nextDouble()))));
          Result r = null;
          for (int a = 1; a <= attempts; a++) {
            r = client(c, s, pod, ep, traceId, spanId, cursor, fr);
            cursor += r.durMs() + 0.05;
            if (r.failure() == null) {
              break;
            }
            if (a < attempts) {
              events.add(
                  new SpanEvent(
                      Instant.ofEpochMilli((long) cursor),
                      "retry",
                      Map.of("attempt", Integer.toString(a + 1))));
              log(
                  s,
                  pod,
                  cursor,
                  Severity.WARN,
                  "Retrying call to "
                      + sim.cluster.serviceName(sim.graph.endpointService[c.callee()])
                      + " (attempt "
                      + (a + 1)
                      + "/5) after error: "
                      + r.failure().name().toLowerCase(),
                  traceId,
                  spanId);
            }
          }
          if (r.failure() != null && (c.async() || rnd.nextDouble() < Simulator.PROPAGATION)) {
            int callee = sim.graph.endpointService[c.callee()];
            failure =
                r.failure() == Failure.UPSTREAM_ERROR || isOwnFailure(r.failure())
                    ? Failure.UPSTREAM_ERROR
                    : r.failure();
            failedCallee = sim.cluster.serviceName(callee);
            failedCalleeEp = sim.graph.endpointName[c.callee()];
            int cp = sim.cluster.podsOfService[callee][0];
            failedCalleeIp = sim.cluster.pods.get(cp).ip();
            if (r.failure() != Failure.UPSTREAM_ERROR && !isOwnFailure(r.failure())) {
              failure = r.failure();
            }
          }
        }
      }
    }
    double dur = cursor - start + self * 0.7;
    int status = failure == null ? 200 : failure.httpStatus;
    String route = sim.graph.endpointName[ep];
    String method = method(route);
    Map<String, String> attrs = new HashMap<>();
    attrs.put("http.route", route);
    attrs.put("http.request.method", method);
    attrs.put("http.response.status_code", Integer.toString(status));
    attrs.put("k8s.pod.name", sim.cluster.pods.get(pod).name());
    attrs.put("k8s.node.name", sim.cluster.nodeName(sim.cluster.pods.get(pod).node()));
    attrs.put("service.version", versionAt.apply(s, (long) start));
    if (failure != null) {
      attrs.put("error.type", failure.name().toLowerCase());
      events.add(
          new SpanEvent(
              Instant.ofEpochMilli((long) (start + dur)),
              "exception",
              Map.of(
                  "exception.message",
                  LogStyle.exceptionMessage(
                      svc.language(),
                      failure,
                      failedCallee == null ? svc.name() : failedCallee,
                      failedCalleeIp,
                      failedCalleeEp == null ? route : failedCalleeEp))));
    }
    SpanKind kind =
        viaEdge >= 0
                && sim.system.services().get(sim.graph.edgeCaller[viaEdge]).kind()
                    == ComponentKind.QUEUE
            ? SpanKind.CONSUMER
            : SpanKind.SERVER;
    spans.add(
        new Span(
            traceId,
            spanId,
            parentId,
            svc.name(),
            opName(svc, route),
            kind,
            Instant.ofEpochMilli((long) start),
            Duration.ofNanos((long) (dur * 1_000_000)),
            failure == null ? SpanStatus.UNSET : SpanStatus.ERROR,
            attrs,
            events));
    requestLogs(
        s,
        pod,
        ep,
        start + dur,
        status,
        dur,
        failure,
        failedCallee,
        failedCalleeIp,
        failedCalleeEp,
        traceId,
        spanId);
    return new Result(dur, failure);
  }

  private static boolean isOwnFailure(Failure f) {
    return switch (f) {
      case NULL_DEREFERENCE,
          BAD_REQUEST_CONTRACT,
          POOL_EXHAUSTED,
          THREADS_REJECTED,
          PRE_EXISTING,
          TRANSIENT,
          OUT_OF_MEMORY ->
          true;
      default -> false;
    };
  }

  /** A client span to a dependency (and its server span when the dependency runs code). */
  private Result client(
      Graph.CallRef c,
      int s,
      int pod,
      int ep,
      String traceId,
      String parentId,
      double start,
      Simulator.Frame fr) {
    int callee = sim.graph.endpointService[c.callee()];
    SystemSpec.Service cs = sim.system.services().get(callee);
    String spanId = hex(rnd.nextLong());
    double net = 0.3 + fr.edgeLatAddMs()[c.edge()] + fr.edgeJitterMs()[c.edge()] * rnd.nextDouble();
    Failure failure = null;
    double dur;
    if (rnd.nextDouble() < fr.edgeErr()[c.edge()]) {
      failure = fr.edgeFailure()[c.edge()];
      dur =
          switch (failure) {
            case TIMEOUT -> 5000 + rnd.nextDouble() * 20;
            case UNKNOWN_HOST -> 5000 * rnd.nextDouble();
            case CONNECTION_REFUSED -> net;
            default -> net + 2;
          };
    } else if (cs.kind() == ComponentKind.SERVICE || cs.kind() == ComponentKind.LOAD_BALANCER) {
      if (pickPod(callee, fr) < 0) {
        failure = Failure.NO_HEALTHY_UPSTREAM;
        dur = net;
      } else {
        Result r = server(c.callee(), traceId, spanId, start + net / 2, fr, c.edge());
        failure = r.failure();
        dur = r.durMs() + net;
      }
    } else if (cs.kind() == ComponentKind.QUEUE) {
      dur = net + sim.system.services().get(callee).baseLatencyMs() * lognormal(0.4);
      for (Graph.CallRef consumer : sim.graph.calls.get(c.callee())) {
        if (rnd.nextDouble() < Math.min(1, fr.edgeRateMult()[consumer.edge()])
            && rnd.nextDouble() < 0.5) {
          server(
              consumer.callee(),
              traceId,
              spanId,
              start + dur + 5 + 40 * rnd.nextDouble(),
              fr,
              consumer.edge());
        }
      }
    } else {
      int dbPod = sim.cluster.podsOfService[callee][0];
      dur =
          net
              + fr.podSelfMs()[dbPod]
                  * sim.epFactor[c.callee()]
                  * fr.epSelfMult()[c.callee()]
                  * lognormal(0.5);
      if (!fr.podUp()[dbPod]) {
        failure = Failure.CONNECTION_REFUSED;
      } else if (rnd.nextDouble() < fr.epSelfErr()[c.callee()]) {
        failure = fr.epSelfFailure()[c.callee()];
      }
    }
    Map<String, String> attrs = new HashMap<>();
    attrs.put("peer.service", cs.name());
    attrs.put("server.address", cs.name());
    String op;
    SpanKind kind = SpanKind.CLIENT;
    switch (cs.kind()) {
      case DATABASE -> {
        String stmt = cs.endpoint(sim.graph.endpointName[c.callee()]).statement();
        attrs.put("db.system", cs.language().equals("mysql") ? "mysql" : "postgresql");
        attrs.put("db.statement", stmt);
        op = stmt.split(" ")[0] + " " + table(stmt);
      }
      case CACHE -> {
        attrs.put("db.system", "redis");
        attrs.put("db.operation", sim.graph.endpointName[c.callee()]);
        op = sim.graph.endpointName[c.callee()];
      }
      case QUEUE -> {
        attrs.put("messaging.system", "kafka");
        attrs.put("messaging.destination.name", sim.graph.endpointName[c.callee()]);
        op = sim.graph.endpointName[c.callee()] + " publish";
        kind = SpanKind.PRODUCER;
      }
      default -> {
        op = method(sim.graph.endpointName[c.callee()]) + " " + sim.graph.endpointName[c.callee()];
        attrs.put(
            "http.response.status_code",
            Integer.toString(failure == null ? 200 : failure.httpStatus));
      }
    }
    if (failure != null) {
      attrs.put("error.type", failure.name().toLowerCase());
    }
    spans.add(
        new Span(
            traceId,
            spanId,
            parentId,
            sim.cluster.serviceName(s),
            op,
            kind,
            Instant.ofEpochMilli((long) start),
            Duration.ofNanos((long) (dur * 1_000_000)),
            failure == null ? SpanStatus.UNSET : SpanStatus.ERROR,
            attrs,
            List.of()));
    return new Result(dur, failure);
  }

  private void requestLogs(
      int s,
      int pod,
      int ep,
      double at,
      int status,
      double dur,
      Failure failure,
      String callee,
      String calleeIp,
      String calleeEp,
      String traceId,
      String spanId) {
    SystemSpec.Service svc = sim.system.services().get(s);
    String route = sim.graph.endpointName[ep];
    if (svc.kind() == ComponentKind.LOAD_BALANCER) {
      String flags =
          failure == null
              ? "-"
              : switch (failure) {
                case NO_HEALTHY_UPSTREAM -> "UH";
                case TIMEOUT -> "UT";
                case CONNECTION_REFUSED, UPSTREAM_CONNECT -> "UF";
                default -> "-";
              };
      int st =
          failure == Failure.UPSTREAM_CONNECT || failure == Failure.CONNECTION_REFUSED
              ? 502
              : status;
      log(
          s,
          pod,
          at,
          st >= 500 ? Severity.WARN : Severity.INFO,
          "\""
              + method(route)
              + " "
              + route
              + " HTTP/1.1\" "
              + st
              + " "
              + flags
              + " 0 "
              + (st >= 500 ? 91 : 400 + rnd.nextInt(9000))
              + " "
              + Math.round(dur)
              + " \"10.0."
              + rnd.nextInt(4)
              + "."
              + (2 + rnd.nextInt(250))
              + "\" \"Mozilla/5.0\" \""
              + traceId.substring(0, 8)
              + "-"
              + traceId.substring(8, 12)
              + "\" \""
              + (callee == null ? "-" : callee)
              + "\"",
          traceId,
          spanId);
      return;
    }
    String lang = svc.language();
    if (failure == null) {
      log(
          s,
          pod,
          at,
          Severity.INFO,
          LogStyle.requestLine(lang, method(route), route, status, dur, rnd),
          traceId,
          spanId);
      return;
    }
    if (failure == Failure.UPSTREAM_ERROR && rnd.nextDouble() < 0.5) {
      log(
          s,
          pod,
          at,
          Severity.ERROR,
          LogStyle.requestLine(lang, method(route), route, status, dur, rnd),
          traceId,
          spanId);
      return;
    }
    String body =
        style.errorBody(
            svc.name(),
            lang,
            route,
            failure,
            callee,
            calleeIp,
            calleeEp == null ? route : calleeEp);
    log(s, pod, at, Severity.ERROR, body, traceId, spanId);
  }

  void log(int s, int pod, double at, Severity sev, String body, String traceId, String spanId) {
    Map<String, String> attrs = new HashMap<>(4);
    Cluster.Pod p = sim.cluster.pods.get(pod);
    attrs.put("pod", p.name());
    attrs.put("node", sim.cluster.nodeName(p.node()));
    attrs.put("container", sim.cluster.serviceName(s));
    logs.add(
        new LogRecord(
            Instant.ofEpochMilli((long) at),
            sim.cluster.serviceName(s),
            sev,
            body,
            attrs,
            traceId,
            spanId));
    logCount[s]++;
  }

  static String method(String route) {
    String r = route.toLowerCase();
    for (String w :
        List.of(
            "deposit",
            "payment",
            "login",
            "signup",
            "checkout",
            "add",
            "create",
            "charge",
            "send",
            "reserve",
            "placeorder",
            "shiporder",
            "transactions",
            "users")) {
      if (r.contains(w) && !r.contains("history")) {
        return "POST";
      }
    }
    return "GET";
  }

  private static String opName(SystemSpec.Service svc, String route) {
    if (route.startsWith("/")) {
      return method(route) + " " + route;
    }
    return CodeSnapshot.pascal(svc.name()) + "Service/" + route;
  }

  private static String table(String stmt) {
    String[] w = stmt.replace(",", " ").split("\\s+");
    for (int i = 0; i < w.length - 1; i++) {
      if (w[i].equalsIgnoreCase("FROM")
          || w[i].equalsIgnoreCase("INTO")
          || w[i].equalsIgnoreCase("UPDATE")) {
        return w[i + 1];
      }
    }
    return "";
  }

  static String hex(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(16 - h.length()) + h;
  }
}
