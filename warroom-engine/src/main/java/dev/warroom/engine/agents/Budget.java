package dev.warroom.engine.agents;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The limits of one investigation (the runbook's {@code budget queries N, seconds S}): counts the
 * queries run and the time since the start, read from an injected clock. One investigation owns one
 * budget; the branches of a {@code parallel} block share it, so its counter is synchronized.
 */
public final class Budget {
  private final int maxQueries;
  private final Duration maxTime;
  private final InstantSource clock;
  private final Instant started;
  private int queries;

  public Budget(int maxQueries, Duration maxTime, InstantSource clock) {
    if (maxQueries < 1) {
      throw new IllegalArgumentException("budget queries < 1: " + maxQueries);
    }
    if (maxTime.isNegative() || maxTime.isZero()) {
      throw new IllegalArgumentException("budget seconds must be positive: " + maxTime);
    }
    this.maxQueries = maxQueries;
    this.maxTime = maxTime;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.started = clock.instant();
  }

  /** Thrown when a query would exceed the budget; the interpreter stops and reports it. */
  public static final class ExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExhaustedException(String message) {
      super(message);
    }
  }

  /** Counts one query, or throws when the query or time budget is spent. */
  public synchronized void spendQuery() {
    if (queries >= maxQueries) {
      throw new ExhaustedException("query budget of " + maxQueries + " spent");
    }
    checkTime();
    queries++;
  }

  /** Throws when the time budget is spent. */
  public void checkTime() {
    if (Duration.between(started, clock.instant()).compareTo(maxTime) > 0) {
      throw new ExhaustedException("time budget of " + maxTime.toSeconds() + " s spent");
    }
  }

  public synchronized int queriesUsed() {
    return queries;
  }

  public int maxQueries() {
    return maxQueries;
  }

  public Duration maxTime() {
    return maxTime;
  }

  public Duration elapsed() {
    return Duration.between(started, clock.instant());
  }
}
