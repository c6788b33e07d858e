package dev.warroom.eval;

import dev.warroom.model.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * One labelled bundle investigated by {@code warroom eval bundles}: its label, the report's
 * verdict, the services of its ranked candidates in order, and the wall time of the investigation
 * (load included). {@code rank} is the 1-based position of the true service among the candidates, 0
 * when it is not among them; {@code error} is non-empty when the investigation failed, and then the
 * bundle counts as a miss.
 */
public record BundleOutcome(
    String bundle,
    IncidentLabels.Label label,
    Verdict verdict,
    List<String> ranked,
    double topConfidence,
    long millis,
    String error) {
  public BundleOutcome {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(label, "label");
    ranked = List.copyOf(ranked);
    error = error == null ? "" : error;
  }

  /** A bundle whose investigation failed. */
  public static BundleOutcome failed(
      String bundle, IncidentLabels.Label label, long millis, String error) {
    return new BundleOutcome(bundle, label, null, List.of(), 0, millis, error);
  }

  /** 1-based rank of the true service among the candidates, 0 when absent. */
  public int rank() {
    int i = ranked.indexOf(label.service());
    return i < 0 ? 0 : i + 1;
  }

  /** Whether the true service is among the first {@code k} candidates. */
  public boolean hit(int k) {
    int r = rank();
    return r > 0 && r <= k;
  }

  /** The report did not commit to a root cause (inconclusive, no fault, or failed). */
  public boolean abstained() {
    return verdict != Verdict.ROOT_CAUSE_FOUND;
  }
}
