package dev.warroom.experts.traces;

import java.util.Objects;

/**
 * A service and one of its operations (span name), e.g. {@code payment} / {@code POST /charge}. For
 * a client call the peer it names is part of the key: one client span name often goes to several
 * callees (a caller's {@code POST /transactions} to a ledger and to a history service), and their
 * latency and errors must not be pooled, or the time lost to one callee is blamed on the other.
 *
 * @param peer the remote peer a client or producer operation calls ({@code peer.service}, {@code
 *     server.address} …), or null for a server or internal operation, or a client whose peer is
 *     unknown
 */
public record OperationKey(String service, String operation, String peer) {
  public OperationKey {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
  }

  /** A key without a peer: a server or internal operation, or a client of unknown peer. */
  public OperationKey(String service, String operation) {
    this(service, operation, null);
  }

  @Override
  public String toString() {
    return peer == null ? service + " " + operation : service + " " + operation + " -> " + peer;
  }
}
