package dev.warroom.gym;

/**
 * Why a request failed, as the service that saw it would log it. {@link LogStyle} renders each in
 * the language of the logging service; traces carry it as the span's error.
 */
enum Failure {
  /** Background noise: client disconnects, resets. */
  TRANSIENT(500),
  TIMEOUT(504),
  CONNECTION_REFUSED(503),
  UNKNOWN_HOST(503),
  TLS_EXPIRED(502),
  RATE_LIMITED(429),
  UPSTREAM_CONNECT(502),
  NULL_DEREFERENCE(500),
  BAD_REQUEST_CONTRACT(500),
  POOL_EXHAUSTED(500),
  THREADS_REJECTED(503),
  DISK_FULL(500),
  LOCK_TIMEOUT(500),
  OUT_OF_MEMORY(500),
  /** No ready pod behind the service. */
  NO_HEALTHY_UPSTREAM(503),
  /** Red herring: business errors that have always been there. */
  INSUFFICIENT_BALANCE(400),
  /** Red herring: a pre-existing unrelated error. */
  PRE_EXISTING(500),
  /** A dependency answered with an error; the caller propagates it. */
  UPSTREAM_ERROR(500);

  final int httpStatus;

  Failure(int httpStatus) {
    this.httpStatus = httpStatus;
  }
}
