package dev.warroom.gym;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an episode simulates: a system, a fault (null for a no-fault control episode), where it is
 * injected ({@code target}/{@code peer}: null lets the seed choose), its severity in (0,1] (0 lets
 * the difficulty choose), the difficulty, the incident window, the baseline history before it, the
 * number of sampled traces per minute at the entry point, and the red herrings (null lets the
 * difficulty choose).
 */
public record Scenario(
    String name,
    SystemSpec system,
    FaultType fault,
    String target,
    String peer,
    double severity,
    Difficulty difficulty,
    Duration window,
    Duration baseline,
    int tracesPerMinute,
    List<RedHerring> redHerrings) {

  /** Difficulty: how strong and how hidden the fault is, and how much unrelated noise there is. */
  public enum Difficulty {
    /** Strong fault, no red herrings. */
    EASY,
    /** Moderate fault, two red herrings. */
    MEDIUM,
    /** Weak or intermittent fault, all red herrings. */
    HARD
  }

  /** Unrelated noise that a good investigation must not blame. */
  public enum RedHerring {
    /** A service that logs a steady stream of unrelated errors, before and during the incident. */
    PRE_EXISTING_ERRORS,
    /** A harmless deploy of another service shortly before onset. */
    HARMLESS_DEPLOY,
    /** A periodic batch job: a heavy statement and a CPU spike every few hours. */
    BATCH_JOB,
    /** A service whose latency is noisy but healthy. */
    NOISY_SERVICE
  }

  public Scenario {
    Objects.requireNonNull(system, "system");
    name = name == null || name.isBlank() ? defaultName(system, fault) : name;
    target = target == null || target.isBlank() ? null : target;
    peer = peer == null || peer.isBlank() ? null : peer;
    if (!(severity >= 0 && severity <= 1)) {
      throw new IllegalArgumentException("severity not in [0,1]: " + severity);
    }
    Objects.requireNonNull(difficulty, "difficulty");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(baseline, "baseline");
    if (window.toMinutes() < 10 || window.toHours() > 24) {
      throw new IllegalArgumentException("window must be 10 min .. 24 h: " + window);
    }
    if (baseline.isNegative() || baseline.toDays() > 14) {
      throw new IllegalArgumentException("baseline must be 0 .. 14 days: " + baseline);
    }
    if (tracesPerMinute < 1 || tracesPerMinute > 20_000) {
      throw new IllegalArgumentException("tracesPerMinute not in 1..20000: " + tracesPerMinute);
    }
    redHerrings = redHerrings == null ? null : List.copyOf(redHerrings);
    if (target != null && fault != null) {
      if (fault.target() == FaultType.Target.NODE) {
        system.node(target);
      } else {
        system.service(target);
      }
    }
    if (peer != null) {
      system.service(peer);
    }
  }

  private static String defaultName(SystemSpec system, FaultType fault) {
    return system.name() + "/" + (fault == null ? "control" : fault.id());
  }

  /** A medium-difficulty episode of the fault on the system, 1 h window, 4 days of baseline. */
  public static Scenario of(SystemSpec system, FaultType fault) {
    return new Scenario(
        null,
        system,
        fault,
        null,
        null,
        0,
        Difficulty.MEDIUM,
        Duration.ofHours(1),
        Duration.ofDays(4),
        150,
        null);
  }

  /** A no-fault control episode: an alert fires on noise; the right answer is "no root cause". */
  public static Scenario control(SystemSpec system) {
    return of(system, null);
  }

  public boolean isControl() {
    return fault == null;
  }

  public Scenario withTarget(String newTarget, String newPeer) {
    return new Scenario(
        name,
        system,
        fault,
        newTarget,
        newPeer,
        severity,
        difficulty,
        window,
        baseline,
        tracesPerMinute,
        redHerrings);
  }

  public Scenario withDifficulty(Difficulty d) {
    return new Scenario(
        name,
        system,
        fault,
        target,
        peer,
        severity,
        d,
        window,
        baseline,
        tracesPerMinute,
        redHerrings);
  }

  public Scenario withSeverity(double s) {
    return new Scenario(
        name,
        system,
        fault,
        target,
        peer,
        s,
        difficulty,
        window,
        baseline,
        tracesPerMinute,
        redHerrings);
  }

  public Scenario withWindow(Duration w, Duration b) {
    return new Scenario(
        name,
        system,
        fault,
        target,
        peer,
        severity,
        difficulty,
        w,
        b,
        tracesPerMinute,
        redHerrings);
  }

  public Scenario withTracesPerMinute(int n) {
    return new Scenario(
        name, system, fault, target, peer, severity, difficulty, window, baseline, n, redHerrings);
  }

  public Scenario withRedHerrings(List<RedHerring> herrings) {
    return new Scenario(
        name,
        system,
        fault,
        target,
        peer,
        severity,
        difficulty,
        window,
        baseline,
        tracesPerMinute,
        herrings);
  }

  public Scenario withName(String newName) {
    return new Scenario(
        newName,
        system,
        fault,
        target,
        peer,
        severity,
        difficulty,
        window,
        baseline,
        tracesPerMinute,
        redHerrings);
  }
}
