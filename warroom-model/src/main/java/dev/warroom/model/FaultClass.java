package dev.warroom.model;

import java.util.Locale;

/**
 * The kinds of root cause warroom names. The gym injects exactly these, experts and the engine
 * classify into them, and evaluation compares them; {@link #NONE} is the answer for a control
 * episode with no fault. Serialised as lower-case snake case ({@code memory_exhaustion}).
 */
public enum FaultClass {
  CPU_SATURATION(FaultLevel.INFRASTRUCTURE),
  CPU_STEAL(FaultLevel.INFRASTRUCTURE),
  MEMORY_EXHAUSTION(FaultLevel.INFRASTRUCTURE),
  DISK_FULL(FaultLevel.INFRASTRUCTURE),
  DISK_IO_SATURATION(FaultLevel.INFRASTRUCTURE),
  NETWORK_LATENCY(FaultLevel.INFRASTRUCTURE),
  PACKET_LOSS(FaultLevel.INFRASTRUCTURE),
  NETWORK_PARTITION(FaultLevel.INFRASTRUCTURE),
  DNS_FAILURE(FaultLevel.INFRASTRUCTURE),
  NODE_FAILURE(FaultLevel.INFRASTRUCTURE),

  CRASH_LOOP(FaultLevel.ORCHESTRATION),
  WRONG_ARCHITECTURE(FaultLevel.ORCHESTRATION),
  BAD_DEPLOY(FaultLevel.ORCHESTRATION),
  MISCONFIGURED_PORT(FaultLevel.ORCHESTRATION),
  CPU_THROTTLING(FaultLevel.ORCHESTRATION),
  AUTOSCALER_LIMIT(FaultLevel.ORCHESTRATION),
  TLS_EXPIRED(FaultLevel.ORCHESTRATION),
  RATE_LIMITED(FaultLevel.ORCHESTRATION),

  SLOW_QUERY(FaultLevel.DATA),
  LOCK_CONTENTION(FaultLevel.DATA),
  CONNECTION_POOL_EXHAUSTION(FaultLevel.DATA),
  CACHE_FAILURE(FaultLevel.DATA),
  QUEUE_BACKLOG(FaultLevel.DATA),

  CODE_EXCEPTION(FaultLevel.CODE),
  RETRY_STORM(FaultLevel.CODE),
  THREAD_POOL_EXHAUSTION(FaultLevel.CODE),
  MEMORY_LEAK(FaultLevel.CODE),
  PERFORMANCE_REGRESSION(FaultLevel.CODE),

  NONE(FaultLevel.NONE);

  private final FaultLevel level;

  FaultClass(FaultLevel level) {
    this.level = level;
  }

  public FaultLevel level() {
    return level;
  }

  /** {@code memory_exhaustion} for {@link #MEMORY_EXHAUSTION}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an id in snake or upper case; names the value when it is unknown. */
  public static FaultClass parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown fault class: '" + text + "'", e);
    }
  }
}
