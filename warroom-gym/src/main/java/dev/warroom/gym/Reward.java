package dev.warroom.gym;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.RcaReport;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How well a report matches the truth. {@code top1}/{@code top3}: the root cause is the first /
 * among the first three candidates (a candidate names it when its service or component is one of
 * the truth's culprits). {@code faultClassMatch}: the top candidate's class (or, for a control, the
 * verdict "no fault"). {@code onsetErrorSeconds}: |top candidate onset - true onset|, NaN when
 * unknown. {@code evidenceRecall}: share of expected evidence items that some report evidence of a
 * compatible kind mentions. {@code blamedControl}: a control episode was given a root cause. {@code
 * score} in [0,1]: 0.4 top1 + 0.15 top3 + 0.2 class + 0.1 onset + 0.15 recall for a fault episode;
 * 1 for a control answered without a root cause, else 0.
 */
public record Reward(
    boolean top1,
    boolean top3,
    boolean faultClassMatch,
    double onsetErrorSeconds,
    double evidenceRecall,
    boolean blamedControl,
    double score) {

  /** Scores a report against the truth. */
  public static Reward score(GroundTruth truth, RcaReport report) {
    if (truth.control()) {
      boolean blamed = report.verdict() == Verdict.ROOT_CAUSE_FOUND;
      return new Reward(
          false,
          false,
          report.verdict() == Verdict.NO_FAULT,
          Double.NaN,
          1,
          blamed,
          blamed ? 0 : 1);
    }
    List<RootCauseCandidate> cands =
        report.verdict() == Verdict.ROOT_CAUSE_FOUND ? report.candidates() : List.of();
    boolean top1 = !cands.isEmpty() && names(truth, cands.get(0));
    boolean top3 = false;
    for (int i = 0; i < Math.min(3, cands.size()); i++) {
      top3 |= names(truth, cands.get(i));
    }
    boolean cls = !cands.isEmpty() && cands.get(0).faultClass() == truth.faultClass();
    double onsetErr = Double.NaN;
    if (!cands.isEmpty() && cands.get(0).onset() != null) {
      onsetErr =
          Math.abs(Duration.between(truth.onset(), cands.get(0).onset()).toMillis()) / 1000.0;
    }
    double recall = recall(truth, report.evidence());
    double onsetScore =
        Double.isNaN(onsetErr) ? 0 : onsetErr <= 60 ? 1 : Math.max(0, 1 - (onsetErr - 60) / 540);
    double score =
        0.4 * (top1 ? 1 : 0)
            + 0.15 * (top3 ? 1 : 0)
            + 0.2 * (cls ? 1 : 0)
            + 0.1 * onsetScore
            + 0.15 * recall;
    return new Reward(top1, top3, cls, onsetErr, recall, false, score);
  }

  static boolean names(GroundTruth truth, RootCauseCandidate c) {
    for (String culprit : truth.culprits()) {
      if (culprit.equalsIgnoreCase(c.service()) || culprit.equalsIgnoreCase(c.component())) {
        return true;
      }
    }
    return truth.component() != null && truth.component().equalsIgnoreCase(c.component());
  }

  static double recall(GroundTruth truth, List<Evidence> evidence) {
    if (truth.evidence().isEmpty()) {
      return 1;
    }
    int found = 0;
    for (GroundTruth.ExpectedEvidence want : truth.evidence()) {
      for (Evidence e : evidence) {
        if (compatible(want.kind(), e.kind()) && mentionsAll(e, want.mentions())) {
          found++;
          break;
        }
      }
    }
    return found / (double) truth.evidence().size();
  }

  private static boolean compatible(EvidenceKind want, EvidenceKind got) {
    return want == got
        || got == EvidenceKind.QUERY
        || (want == EvidenceKind.DATABASE && got == EvidenceKind.METRIC);
  }

  private static boolean mentionsAll(Evidence e, List<String> terms) {
    StringBuilder text = new StringBuilder(e.summary()).append('\n').append(e.query()).append('\n');
    e.rows().forEach(r -> text.append(r).append('\n'));
    e.entities().forEach(r -> text.append(r).append('\n'));
    if (e.code() != null) {
      text.append(e.code()).append('\n');
    }
    String hay = text.toString().toLowerCase(Locale.ROOT);
    for (String t : terms) {
      if (!hay.contains(t.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }
}
