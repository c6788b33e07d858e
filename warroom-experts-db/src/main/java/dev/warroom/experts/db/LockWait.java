package dev.warroom.experts.db;

import java.time.Duration;
import java.util.Objects;

/**
 * One session waiting for a lock another session holds: ids of both sessions (backend pid or
 * processlist id), the statement each is running or — for an idle blocker inside an open
 * transaction — ran last, the blocker's state ("idle in transaction", "active"…), the locked
 * relation when known (else empty), the lock type/mode, and how long the waiter has waited.
 */
public record LockWait(
    String waitingSession,
    String waitingStatement,
    String blockingSession,
    String blockingStatement,
    String blockingState,
    String relation,
    String lockMode,
    Duration waited) {
  public LockWait {
    Objects.requireNonNull(waitingSession, "waitingSession");
    Objects.requireNonNull(blockingSession, "blockingSession");
    if (waitingSession.isBlank() || blockingSession.isBlank()) {
      throw new IllegalArgumentException("blank session id");
    }
    waitingStatement = waitingStatement == null ? "" : waitingStatement;
    blockingStatement = blockingStatement == null ? "" : blockingStatement;
    blockingState = blockingState == null ? "" : blockingState;
    relation = relation == null ? "" : relation;
    lockMode = lockMode == null ? "" : lockMode;
    Objects.requireNonNull(waited, "waited");
    if (waited.isNegative()) {
      throw new IllegalArgumentException("negative wait: " + waited);
    }
  }
}
