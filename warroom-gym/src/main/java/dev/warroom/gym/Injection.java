package dev.warroom.gym;

/**
 * A fault resolved against a concrete system: indexes of the target service, peer service, node,
 * pod and endpoint (-1 when not applicable), severity in (0,1], onset (epoch millis), and the duty
 * cycle (1 = continuous; below 1 the fault flaps on and off, as intermittent faults do).
 */
record Injection(
    FaultType fault,
    int service,
    int peer,
    int node,
    int pod,
    int endpoint,
    double severity,
    long onset,
    double duty) {

  /** Whether the fault acts at a time: after onset and, when flapping, in an "on" phase. */
  boolean activeAt(long millis) {
    if (fault == null || millis < onset) {
      return false;
    }
    if (duty >= 1) {
      return true;
    }
    // 90-second cycle, hashed phase so on/off periods are irregular but deterministic
    long cycle = (millis - onset) / 90_000;
    double h = ((cycle * 0x9E3779B97F4A7C15L) >>> 11) / (double) (1L << 53);
    return cycle == 0 || h < duty;
  }

  /** Seconds since onset (0 before). */
  double elapsed(long millis) {
    return Math.max(0, (millis - onset) / 1000.0);
  }
}
