package dev.warroom.experts.traces;

import dev.warroom.model.Span;
import dev.warroom.model.SpanEvent;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Seeded generator of realistic shop traces for tests and the benchmark: frontend calls cart
 * (redis), catalog (postgres) and checkout, which calls payment (postgres) and shipping, partly in
 * parallel. A fault makes one service slower or failing, as the gym's faults do.
 */
final class SyntheticTraces {
  /** Extra self latency (ms) and error probability injected into one service. */
  record Fault(String service, double extraMs, double errorProbability) {}

  private final RandomGenerator random;
  private final Fault fault;
  private final HexFormat hex = HexFormat.of();
  private long clockNanos;

  SyntheticTraces(RandomGenerator random, Fault fault, Instant start) {
    this.random = random;
    this.fault = fault;
    this.clockNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
  }

  /** About {@code spans} spans (whole traces of 9 to 11 spans each). */
  List<Span> generate(int spans) {
    List<Span> out = new ArrayList<>(spans + 16);
    while (out.size() < spans) {
      trace(out);
      clockNanos += 50_000_000L;
    }
    return out;
  }

  private void trace(List<Span> out) {
    String traceId = hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    Node root = new Node("frontend", "GET /checkout", SpanKind.SERVER, 2);
    Node cart = root.child("cart", "GetCart", 1);
    cart.child("redis", "HGETALL", 0.5);
    Node catalog = root.child("catalog", "ListProducts", 1.5);
    catalog.child("postgres", "SELECT products", 3);
    Node checkout = root.child("checkout", "PlaceOrder", 2);
    Node payment = checkout.child("payment", "Charge", 4);
    payment.child("postgres", "INSERT payments", 2);
    checkout.parallel = true;
    checkout.child("shipping", "Quote", 6);
    if (random.nextDouble() < 0.2) {
      checkout.child("email", "SendConfirmation", 3);
    }
    emit(out, traceId, null, root, clockNanos);
  }

  /** Emits the span tree rooted at {@code n} starting at {@code start}; returns its end. */
  private long emit(List<Span> out, String traceId, String parentId, Node n, long start) {
    String spanId = hex.toHexDigits(random.nextLong());
    double selfMs = n.selfMs * (0.7 + 0.6 * random.nextDouble());
    boolean faulty = fault != null && fault.service().equals(n.service);
    if (faulty) {
      selfMs += fault.extraMs();
    }
    long cursor = start + (long) (selfMs * 0.5e6);
    long end = cursor;
    boolean childFailed = false;
    for (Node c : n.children) {
      long childEnd = emit(out, traceId, spanId, c, cursor);
      // Children are emitted after their own children: the last span added is the child itself.
      childFailed |= out.get(out.size() - 1).isError();
      end = Math.max(end, childEnd);
      if (!n.parallel) {
        cursor = childEnd;
      }
    }
    end = Math.max(end, cursor) + (long) (selfMs * 0.5e6);
    boolean failed = childFailed || (faulty && random.nextDouble() < fault.errorProbability());
    List<SpanEvent> events = List.of();
    if (failed && !childFailed) {
      events =
          List.of(
              new SpanEvent(
                  Instant.ofEpochSecond(0, end),
                  "exception",
                  Map.of("exception.type", "java.net.SocketTimeoutException")));
    }
    out.add(
        new Span(
            traceId,
            spanId,
            parentId,
            n.service,
            n.operation,
            n.kind,
            Instant.ofEpochSecond(0, start),
            Duration.ofNanos(end - start),
            failed ? SpanStatus.ERROR : SpanStatus.OK,
            Map.of(),
            events));
    return end;
  }

  private static final class Node {
    final String service;
    final String operation;
    final SpanKind kind;
    final double selfMs;
    final List<Node> children = new ArrayList<>();
    boolean parallel;

    Node(String service, String operation, SpanKind kind, double selfMs) {
      this.service = service;
      this.operation = operation;
      this.kind = kind;
      this.selfMs = selfMs;
    }

    Node child(String service, String operation, double selfMs) {
      Node c = new Node(service, operation, SpanKind.SERVER, selfMs);
      children.add(c);
      return c;
    }
  }
}
