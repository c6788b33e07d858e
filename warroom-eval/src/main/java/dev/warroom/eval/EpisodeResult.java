package dev.warroom.eval;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Verdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One investigated episode of a suite: what the truth was, what the report said, and how it scored.
 * {@code predictedService} and {@code predictedClass} are null when the report named no candidate;
 * {@code onsetErrorSeconds} is NaN when either onset is unknown. {@code ranked} holds the report's
 * first three candidates (empty for a "no fault" verdict); {@code topology} and {@code difficulty}
 * come from the episode's truth ({@code ""} when unknown). {@code phases} profiles where the time
 * went, in milliseconds (and query counts): {@code ingest} (bundle read and store load), the
 * report's own timings ({@code plan}, {@code run}, {@code fusion}, …), {@code actor.<name>} (time
 * in each actor's steps) and {@code source.<kind>.ms}/{@code .queries} (time in telemetry queries).
 */
public record EpisodeResult(
    String episode,
    boolean control,
    String trueService,
    FaultClass trueClass,
    Verdict verdict,
    String predictedService,
    FaultClass predictedClass,
    double confidence,
    boolean top1,
    boolean top3,
    boolean classMatch,
    double onsetErrorSeconds,
    boolean blamedControl,
    long millis,
    String error,
    String topology,
    String difficulty,
    List<Prediction> ranked,
    Map<String, Long> phases) {
  public EpisodeResult {
    Objects.requireNonNull(episode, "episode");
    error = error == null ? "" : error;
    topology = topology == null ? "" : topology;
    difficulty = difficulty == null ? "" : difficulty;
    ranked = ranked == null ? List.of() : List.copyOf(ranked);
    phases = phases == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(phases));
  }

  /** One ranked candidate of the report: service, fault class and its confidence. */
  public record Prediction(String service, FaultClass faultClass, double confidence) {
    public Prediction {
      Objects.requireNonNull(service, "service");
    }
  }

  /** An episode whose investigation (or generation) failed with {@code error}. */
  static EpisodeResult failed(
      String episode,
      boolean control,
      String trueService,
      FaultClass trueClass,
      long millis,
      String error,
      String topology,
      String difficulty) {
    return new EpisodeResult(
        episode,
        control,
        trueService,
        trueClass,
        null,
        null,
        null,
        0,
        false,
        false,
        false,
        Double.NaN,
        false,
        millis,
        error,
        topology,
        difficulty,
        List.of(),
        Map.of());
  }

  /**
   * Whether the report's answer was right: a control answered without blame, or a fault episode
   * whose top candidate is the root-cause service.
   */
  public boolean correct() {
    return control ? !blamedControl && error.isEmpty() : top1;
  }
}
