package dev.warroom.model;

import java.time.Duration;
import java.util.Objects;

/**
 * One session waiting for a lock another holds, as a pg_blocking_pids() query over pg_stat_activity
 * or MySQL's sys.innodb_lock_waits reports it: both session ids (backend pid / processlist id), the
 * statement each runs or, for an idle blocker in an open transaction, ran last (may be empty), the
 * blocker's state ("idle in transaction", "active"…; may be empty), the locked relation (may be
 * empty), the lock mode (may be empty) and how long the waiter has waited.
 */
public record DbLockWait(
    String waitingSession,
    String waitingStatement,
    String blockingSession,
    String blockingStatement,
    String blockingState,
    String relation,
    String lockMode,
    Duration waited) {
  public DbLockWait {
    Checks.nonBlank(waitingSession, "waitingSession");
    Checks.nonBlank(blockingSession, "blockingSession");
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
