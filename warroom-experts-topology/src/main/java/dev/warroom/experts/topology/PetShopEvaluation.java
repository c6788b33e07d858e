package dev.warroom.experts.topology;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code warroom eval petshop}: for each labelled PetShop issue, scores node anomalies against the
 * traffic level's {@code noissue} metrics ({@link SymptomAnomalyScorer}), ranks the nodes the
 * symptom node depends on with {@link RootCauseRanker#rankFromSymptom}, and reports the rank of the
 * true root cause; top-1 and top-3 per traffic level and issue type. One configuration for all
 * issues.
 */
public final class PetShopEvaluation {
  /** The inferred-node weight of the default configuration (see {@link SymptomAnomalyScorer}). */
  public static final double DEFAULT_INFERRED_NODE_WEIGHT = 0.5;

  private final SymptomAnomalyScorer scorer;
  private final RootCauseRanker ranker;

  public PetShopEvaluation(SymptomAnomalyScorer scorer, RootCauseRanker ranker) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.ranker = Objects.requireNonNull(ranker, "ranker");
  }

  /** The configuration every reported figure uses. */
  public static PetShopEvaluation withDefaults() {
    return new PetShopEvaluation(
        new SymptomAnomalyScorer(DEFAULT_INFERRED_NODE_WEIGHT), RootCauseRanker.withDefaults());
  }

  /** The outcome for one issue; {@code rank} is 1-based, 0 when the root cause was not ranked. */
  public record IssueResult(
      String traffic,
      String issue,
      String issueType,
      String rootCause,
      int rank,
      List<String> top3) {
    public IssueResult {
      top3 = List.copyOf(top3);
    }
  }

  /** Top-k accuracy of one group of issues (a traffic level and issue type, or {@code all}). */
  public record GroupScore(
      String traffic, String issueType, int issues, double top1, double top3) {}

  /** Every issue's outcome and the per-group scores. */
  public record Result(List<GroupScore> groups, List<IssueResult> issues) {
    public Result {
      groups = List.copyOf(groups);
      issues = List.copyOf(issues);
    }
  }

  /** Evaluates every issue of the dataset under {@code root}. */
  public Result run(Path root) throws IOException {
    List<IssueResult> results = new ArrayList<>();
    for (PetShopDataset.Scenario s : PetShopDataset.load(root)) {
      for (PetShopIssue issue : s.issues()) {
        results.add(evaluate(s, issue));
      }
    }
    return new Result(groups(results), results);
  }

  IssueResult evaluate(PetShopDataset.Scenario scenario, PetShopIssue issue) {
    Map<String, Double> anomalies = scorer.score(issue, scenario.baseline());
    List<RankedComponent> ranking =
        ranker.rankFromSymptom(scenario.graph(), issue.symptomNode(), anomalies, List.of());
    int rank = 0;
    List<String> top3 = new ArrayList<>();
    for (int i = 0; i < ranking.size(); i++) {
      if (i < 3) {
        top3.add(ranking.get(i).component());
      }
      if (rank == 0 && ranking.get(i).component().equals(issue.rootCause())) {
        rank = i + 1;
      }
    }
    return new IssueResult(
        issue.traffic(), issue.name(), issue.symptomMetric(), issue.rootCause(), rank, top3);
  }

  static List<GroupScore> groups(List<IssueResult> results) {
    Map<List<String>, List<IssueResult>> byGroup = new LinkedHashMap<>();
    for (IssueResult r : results) {
      byGroup.computeIfAbsent(List.of(r.traffic(), r.issueType()), k -> new ArrayList<>()).add(r);
    }
    for (IssueResult r : results) {
      byGroup.computeIfAbsent(List.of("all", r.issueType()), k -> new ArrayList<>()).add(r);
    }
    byGroup.put(List.of("all", "all"), results);
    List<GroupScore> out = new ArrayList<>();
    for (Map.Entry<List<String>, List<IssueResult>> e : byGroup.entrySet()) {
      List<IssueResult> g = e.getValue();
      if (g.isEmpty()) {
        continue;
      }
      long top1 = g.stream().filter(r -> r.rank() == 1).count();
      long top3 = g.stream().filter(r -> r.rank() >= 1 && r.rank() <= 3).count();
      out.add(
          new GroupScore(
              e.getKey().get(0),
              e.getKey().get(1),
              g.size(),
              (double) top1 / g.size(),
              (double) top3 / g.size()));
    }
    return out;
  }
}
