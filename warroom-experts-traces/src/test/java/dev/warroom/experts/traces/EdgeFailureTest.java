package dev.warroom.experts.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeFailureTest {
  private static final Instant T0 = Instant.parse("2026-03-04T00:00:00Z");

  private static Span client(
      String trace, String id, String svc, String op, String peer, long ms, String errorType) {
    Map<String, String> attrs = new java.util.HashMap<>();
    if (peer != null) {
      attrs.put("peer.service", peer);
    }
    if (errorType != null) {
      attrs.put("error.type", errorType);
    }
    return new Span(
        trace,
        id,
        "root-" + trace,
        svc,
        op,
        SpanKind.CLIENT,
        T0.plusMillis(ms),
        Duration.ofMillis(ms),
        errorType == null ? SpanStatus.OK : SpanStatus.ERROR,
        attrs,
        List.of());
  }

  private static Span server(String trace, String id, String parent, String svc, boolean error) {
    return new Span(
        trace,
        id,
        parent,
        svc,
        "POST /transactions",
        SpanKind.SERVER,
        T0,
        Duration.ofMillis(5),
        error ? SpanStatus.ERROR : SpanStatus.OK,
        Map.of(),
        List.of());
  }

  @Test
  void countsFailedCallsTheCalleeDidNotFailItselfPerEdge() {
    List<Span> spans = new ArrayList<>();
    // frontend's POST /transactions goes to two callees; only the calls to ledger fail, unreached
    for (int i = 0; i < 6; i++) {
      spans.add(
          client(
              "t" + i,
              "c" + i,
              "frontend",
              "POST /transactions",
              "ledger",
              100 + i,
              i % 3 == 0 ? "connection_refused" : "timeout"));
    }
    // a failed call whose callee failed too: the callee's own error, not the edge's
    spans.add(client("u", "cu", "frontend", "POST /transactions", "history", 50, "500"));
    spans.add(server("u", "su", "cu", "history", true));

    List<EdgeFailure> edges = TraceExpert.edgeFailures(spans);

    assertThat(edges).hasSize(1);
    EdgeFailure e = edges.get(0);
    assertThat(e.edge()).isEqualTo("frontend->ledger");
    assertThat(e.failures()).isEqualTo(6);
    assertThat(e.errorTypes()).containsEntry("timeout", 4).containsEntry("connection_refused", 2);
    assertThat(e.dominantErrorType()).isEqualTo("timeout");
    assertThat(e.firstSeen()).isEqualTo(T0.plusMillis(100));
  }

  @Test
  void aClientOperationNameSharedByTwoCalleesIsTwoOperations() {
    // latency added on the way to one callee must not be pooled with calls to the other
    TraceIndex ix =
        new TraceIndex(
            List.of(
                client("a", "1", "frontend", "POST /transactions", "ledger", 10, null),
                client("b", "2", "frontend", "POST /transactions", "history", 10, null)));

    assertThat(ix.operations)
        .containsExactlyInAnyOrder(
            new OperationKey("frontend", "POST /transactions", "ledger"),
            new OperationKey("frontend", "POST /transactions", "history"));
    assertThat(ix.suspect(ix.operation[0])).isEqualTo("ledger");
    assertThat(ix.suspect(ix.operation[1])).isEqualTo("history");
  }
}
