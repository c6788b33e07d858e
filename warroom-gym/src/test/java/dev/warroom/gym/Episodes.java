package dev.warroom.gym;

import java.time.Duration;

/** Small, fast episodes for tests: 20-minute window, 12 hours of history, 20 traces a minute. */
final class Episodes {
  private Episodes() {}

  static Scenario small(Scenario sc) {
    return sc.withWindow(Duration.ofMinutes(20), Duration.ofHours(12)).withTracesPerMinute(20);
  }

  static Episode run(String topology, FaultType fault, long seed) {
    Scenario sc =
        fault == null
            ? Scenario.control(SystemCatalog.get(topology))
            : Scenario.of(SystemCatalog.get(topology), fault);
    return new Gym().reset(seed, small(sc));
  }
}
