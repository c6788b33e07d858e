package dev.warroom.experts.traces;

import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spans of many traces indexed for one pass of analysis: parent and children by array position,
 * operation ids, start/end in nanoseconds, self time and error flags. A span whose parent is absent
 * from the input (a partial trace) is treated as a root.
 */
final class TraceIndex {
  final List<Span> spans;
  final int[] parent;
  final int[][] children;
  final int[] operation;
  final List<OperationKey> operations;
  final long[] startNanos;
  final long[] endNanos;
  final long[] selfNanos;
  final boolean[] error;

  /** Per span: the remote peer a CLIENT or PRODUCER span calls, or null. */
  final String[] peer;

  /** Per operation id: the remote peer its client spans call, or null. */
  final String[] operationPeer;

  final int[] roots;
  final int traces;

  TraceIndex(List<Span> input) {
    this.spans = List.copyOf(input);
    int n = spans.size();
    parent = new int[n];
    operation = new int[n];
    startNanos = new long[n];
    endNanos = new long[n];
    error = new boolean[n];
    peer = new String[n];
    Map<String, Integer> byId = new HashMap<>(n * 2);
    Map<OperationKey, Integer> opIds = new HashMap<>();
    operations = new ArrayList<>();
    Map<String, Boolean> traceIds = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Span s = spans.get(i);
      byId.put(s.traceId() + '/' + s.spanId(), i);
      traceIds.put(s.traceId(), Boolean.TRUE);
      peer[i] = declaredPeer(s);
      OperationKey key = new OperationKey(s.service(), s.operation(), peer[i]);
      Integer id = opIds.get(key);
      if (id == null) {
        id = operations.size();
        opIds.put(key, id);
        operations.add(key);
      }
      operation[i] = id;
      startNanos[i] = s.start().getEpochSecond() * 1_000_000_000L + s.start().getNano();
      endNanos[i] = startNanos[i] + s.duration().toNanos();
      error[i] = isError(s);
    }
    traces = traceIds.size();
    int[] childCount = new int[n];
    int rootCount = 0;
    for (int i = 0; i < n; i++) {
      Span s = spans.get(i);
      Integer p = s.parentSpanId() == null ? null : byId.get(s.traceId() + '/' + s.parentSpanId());
      parent[i] = p == null || p == i ? -1 : p;
      if (parent[i] < 0) {
        rootCount++;
      } else {
        childCount[parent[i]]++;
      }
    }
    children = new int[n][];
    for (int i = 0; i < n; i++) {
      children[i] = new int[childCount[i]];
    }
    int[] fill = new int[n];
    roots = new int[rootCount];
    int r = 0;
    for (int i = 0; i < n; i++) {
      if (parent[i] < 0) {
        roots[r++] = i;
      } else {
        children[parent[i]][fill[parent[i]]++] = i;
      }
    }
    selfNanos = new long[n];
    for (int i = 0; i < n; i++) {
      selfNanos[i] = selfTime(i);
      if (peer[i] == null && (s(i).kind() == SpanKind.CLIENT || s(i).kind() == SpanKind.PRODUCER)) {
        for (int c : children[i]) {
          if (!spans.get(c).service().equals(s(i).service())) {
            peer[i] = spans.get(c).service();
            break;
          }
        }
      } else if (peer[i] == null && s(i).kind() == SpanKind.INTERNAL) {
        // Many exporters (Zipkin without "kind", some gRPC instrumentations) leave the kind out:
        // a span all of whose children run in one other service wraps a remote call to it.
        peer[i] = soleRemoteService(i);
      }
    }
    operationPeer = new String[operations.size()];
    for (int i = 0; i < n; i++) {
      if (peer[i] != null && operationPeer[operation[i]] == null) {
        operationPeer[operation[i]] = peer[i];
      }
    }
  }

  /** The one service other than the span's own that all its children run in, else null. */
  private String soleRemoteService(int i) {
    String own = s(i).service();
    String other = null;
    for (int c : children[i]) {
      String svc = spans.get(c).service();
      if (svc.equals(own) || (other != null && !other.equals(svc))) {
        return null;
      }
      other = svc;
    }
    return other;
  }

  private Span s(int i) {
    return spans.get(i);
  }

  /**
   * The peer a client or producer span names, by the OpenTelemetry semantic conventions: {@code
   * peer.service}, else {@code server.address} (formerly {@code net.peer.name}), else {@code
   * db.system} or {@code messaging.system}.
   */
  static String declaredPeer(Span s) {
    if (s.kind() != SpanKind.CLIENT && s.kind() != SpanKind.PRODUCER) {
      return null;
    }
    for (String key :
        new String[] {
          "peer.service", "server.address", "net.peer.name", "db.system", "messaging.system"
        }) {
      String v = s.attribute(key);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /**
   * Where the time or error of an operation's spans is spent: the remote peer for a client
   * operation (the time outside the callee's own span is network, queueing or an uninstrumented
   * callee), else the operation's own service.
   */
  String suspect(int operationId) {
    String p = operationPeer[operationId];
    return p != null ? p : operations.get(operationId).service();
  }

  /** A span's error: status ERROR, or an HTTP 5xx status code attribute. */
  static boolean isError(Span s) {
    if (s.isError()) {
      return true;
    }
    String code = s.attribute("http.response.status_code");
    if (code == null) {
      code = s.attribute("http.status_code");
    }
    return code != null && code.length() == 3 && code.charAt(0) == '5';
  }

  /** Duration minus the union of the children's intervals, clipped to the span's own interval. */
  private long selfTime(int i) {
    int[] c = children[i];
    long total = endNanos[i] - startNanos[i];
    if (c.length == 0) {
      return total;
    }
    int[] byStart = sortedBy(c, startNanos, false);
    long covered = 0;
    long curStart = 0;
    long curEnd = Long.MIN_VALUE;
    for (int k : byStart) {
      long from = Math.max(startNanos[k], startNanos[i]);
      long to = Math.min(endNanos[k], endNanos[i]);
      if (to <= from) {
        continue;
      }
      if (curEnd == Long.MIN_VALUE || from > curEnd) {
        covered += curEnd == Long.MIN_VALUE ? 0 : curEnd - curStart;
        curStart = from;
        curEnd = to;
      } else {
        curEnd = Math.max(curEnd, to);
      }
    }
    covered += curEnd == Long.MIN_VALUE ? 0 : curEnd - curStart;
    return Math.max(0, total - covered);
  }

  /**
   * A copy of the span indices sorted by a time (ascending, or descending), by insertion sort: a
   * span has few children, and this allocates no boxes.
   */
  static int[] sortedBy(int[] spans, long[] time, boolean descending) {
    int[] a = spans.clone();
    for (int x = 1; x < a.length; x++) {
      int v = a[x];
      int y = x - 1;
      while (y >= 0 && (descending ? time[a[y]] < time[v] : time[a[y]] > time[v])) {
        a[y + 1] = a[y];
        y--;
      }
      a[y + 1] = v;
    }
    return a;
  }
}
