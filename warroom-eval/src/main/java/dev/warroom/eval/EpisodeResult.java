package dev.warroom.eval;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Verdict;
import java.util.Objects;

/**
 * One investigated episode of a suite: what the truth was, what the report said, and how it scored.
 * {@code predictedService} and {@code predictedClass} are null when the report named no candidate;
 * {@code onsetErrorSeconds} is NaN when either onset is unknown.
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
    String error) {
  public EpisodeResult {
    Objects.requireNonNull(episode, "episode");
    error = error == null ? "" : error;
  }
}
