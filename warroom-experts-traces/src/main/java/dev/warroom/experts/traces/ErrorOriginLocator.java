package dev.warroom.experts.traces;

import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Error-origin localisation: in each trace, a failing span none of whose children fails is where
 * the error originated (its ancestors only propagate it). This is the "deepest failing span" rule
 * of TraceRCA (Li et al., IWQoS 2021) and of Jaeger's and Zipkin's error views; counts are
 * aggregated per operation and compared with the baseline, so that operations that always fail a
 * little (a 404 handler) do not outrank a new failure.
 */
final class ErrorOriginLocator {
  private ErrorOriginLocator() {}

  static List<ErrorOrigin> locate(TraceIndex baseline, TraceIndex incident) {
    Map<OperationKey, Double> baselineRate = rates(baseline);
    Map<OperationKey, Acc> acc = new LinkedHashMap<>();
    Map<OperationKey, String> suspects = new HashMap<>();
    for (int i = 0; i < incident.spans.size(); i++) {
      if (!isOrigin(incident, i)) {
        continue;
      }
      Span s = incident.spans.get(i);
      OperationKey op = incident.operations.get(incident.operation[i]);
      suspects.put(op, incident.suspect(incident.operation[i]));
      Acc a = acc.computeIfAbsent(op, k -> new Acc());
      a.origins++;
      if (a.firstSeen == null || s.start().isBefore(a.firstSeen)) {
        a.firstSeen = s.start();
      }
      a.traces.add(s.traceId());
      if (a.examples.size() < 5) {
        a.examples.add(s.traceId() + "/" + s.spanId());
      }
      for (SpanEvent e : s.events()) {
        String type = e.attributes().get("exception.type");
        if (type != null) {
          a.exceptions.merge(type, 1, Integer::sum);
        }
      }
    }
    List<ErrorOrigin> out = new ArrayList<>();
    int traces = Math.max(1, incident.traces);
    for (Map.Entry<OperationKey, Acc> e : acc.entrySet()) {
      Acc a = e.getValue();
      double rate = (double) a.traces.size() / traces;
      double base = baselineRate.getOrDefault(e.getKey(), 0.0);
      List<String> exceptions =
          a.exceptions.entrySet().stream()
              .sorted(
                  Map.Entry.<String, Integer>comparingByValue()
                      .reversed()
                      .thenComparing(Map.Entry.comparingByKey()))
              .map(Map.Entry::getKey)
              .toList();
      out.add(
          new ErrorOrigin(
              e.getKey(),
              suspects.get(e.getKey()),
              a.origins,
              a.traces.size(),
              rate,
              base,
              Math.max(0, Math.min(1, rate - base)),
              exceptions,
              a.firstSeen,
              a.examples));
    }
    out.sort(
        Comparator.comparingDouble(ErrorOrigin::score)
            .reversed()
            .thenComparing(Comparator.comparingInt(ErrorOrigin::incidentOrigins).reversed())
            .thenComparing(o -> o.operation().toString()));
    return out;
  }

  /**
   * Error-origin spans per operation (insertion order of first appearance). Whether a span is an
   * origin depends only on its own and its children's error flags, so the input may be any subset
   * of spans that holds every failed span of its traces — the failed spans alone, which a store
   * selects cheaply, give the same counts as the full traces.
   */
  static Map<OperationKey, Integer> originCounts(TraceIndex ix) {
    Map<OperationKey, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < ix.spans.size(); i++) {
      if (isOrigin(ix, i)) {
        out.merge(ix.operations.get(ix.operation[i]), 1, Integer::sum);
      }
    }
    return out;
  }

  /** Attributes naming how a call failed, most specific first. */
  private static final List<String> FAILURE_TYPE_KEYS =
      List.of("error.type", "http.response.status_code", "http.status_code");

  /** One edge's failed calls, while counting. */
  private static final class EdgeTally {
    int failures;
    final Map<String, Integer> types = new java.util.TreeMap<>();
    Instant first;
  }

  /**
   * Failed client or producer spans that are error origins (no failing child: the callee did not
   * fail the call itself), per caller → peer edge, most failures first.
   */
  static List<EdgeFailure> edgeFailures(TraceIndex ix) {
    Map<List<String>, EdgeTally> byEdge = new LinkedHashMap<>();
    for (int i = 0; i < ix.spans.size(); i++) {
      Span s = ix.spans.get(i);
      String peer = ix.peer[i];
      if (s.kind() == SpanKind.SERVER
          || s.kind() == SpanKind.CONSUMER
          || peer == null
          || peer.equals(s.service())
          || !isOrigin(ix, i)) {
        continue;
      }
      EdgeTally t = byEdge.computeIfAbsent(List.of(s.service(), peer), k -> new EdgeTally());
      t.failures++;
      String type =
          FAILURE_TYPE_KEYS.stream()
              .map(s::attribute)
              .filter(v -> v != null && !v.isBlank())
              .findFirst()
              .orElse("unknown");
      t.types.merge(type, 1, Integer::sum);
      if (t.first == null || s.start().isBefore(t.first)) {
        t.first = s.start();
      }
    }
    List<EdgeFailure> out = new ArrayList<>();
    byEdge.forEach(
        (k, t) -> out.add(new EdgeFailure(k.get(0), k.get(1), t.failures, t.types, t.first)));
    out.sort(
        Comparator.comparingInt(EdgeFailure::failures).reversed().thenComparing(EdgeFailure::edge));
    return out;
  }

  static boolean isOrigin(TraceIndex ix, int i) {
    if (!ix.error[i]) {
      return false;
    }
    for (int c : ix.children[i]) {
      if (ix.error[c]) {
        return false;
      }
    }
    return true;
  }

  private static Map<OperationKey, Double> rates(TraceIndex ix) {
    Map<OperationKey, Set<String>> traces = new HashMap<>();
    for (int i = 0; i < ix.spans.size(); i++) {
      if (isOrigin(ix, i)) {
        traces
            .computeIfAbsent(ix.operations.get(ix.operation[i]), k -> new HashSet<>())
            .add(ix.spans.get(i).traceId());
      }
    }
    Map<OperationKey, Double> out = new HashMap<>();
    traces.forEach((k, v) -> out.put(k, (double) v.size() / Math.max(1, ix.traces)));
    return out;
  }

  private static final class Acc {
    int origins;
    Instant firstSeen;
    final Set<String> traces = new HashSet<>();
    final List<String> examples = new ArrayList<>();
    final Map<String, Integer> exceptions = new HashMap<>();
  }
}
