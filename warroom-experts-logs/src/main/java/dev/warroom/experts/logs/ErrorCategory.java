package dev.warroom.experts.logs;

import dev.warroom.model.FaultClass;

/**
 * What kind of failure an error line reports, with the {@link FaultClass} it most often points to
 * ({@code null} when the category alone does not name a fault: an unhandled exception is a symptom
 * until its cause is known).
 */
public enum ErrorCategory {
  CONNECTION_REFUSED(null),
  CONNECTION_RESET(FaultClass.NETWORK_PARTITION),
  NETWORK_UNREACHABLE(FaultClass.NETWORK_PARTITION),
  TIMEOUT(FaultClass.NETWORK_LATENCY),
  DNS(FaultClass.DNS_FAILURE),
  TLS(FaultClass.TLS_EXPIRED),
  OUT_OF_MEMORY(FaultClass.MEMORY_EXHAUSTION),
  DISK_FULL(FaultClass.DISK_FULL),
  AUTH(null),
  NULL_DEREFERENCE(FaultClass.CODE_EXCEPTION),
  UNHANDLED_EXCEPTION(FaultClass.CODE_EXCEPTION),
  RATE_LIMITED(FaultClass.RATE_LIMITED),
  DEADLOCK(FaultClass.LOCK_CONTENTION),
  POOL_EXHAUSTED(FaultClass.CONNECTION_POOL_EXHAUSTION),
  EXEC_FORMAT(FaultClass.WRONG_ARCHITECTURE),
  FILE_NOT_FOUND(null),
  CONFIGURATION(FaultClass.BAD_DEPLOY),
  HARDWARE(FaultClass.NODE_FAILURE),
  OTHER(null);

  private final FaultClass faultClass;

  ErrorCategory(FaultClass faultClass) {
    this.faultClass = faultClass;
  }

  /** The fault this category usually points to, or null when it is a symptom only. */
  public FaultClass faultClass() {
    return faultClass;
  }
}
