package dev.warroom.experts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code warroom eval router}: trains a {@link Router} on the train part of {@link
 * RouterCorpus#split} and measures accuracy on the held-out part, overall, per kind and per source,
 * with the misrouted examples for inspection.
 */
public final class RouterEvaluation {
  private RouterEvaluation() {}

  /** Accuracy over a group of held-out examples. */
  public record Score(String group, int examples, int correct, double accuracy) {}

  /** One misrouted held-out example (its first 120 characters). */
  public record Miss(
      String source, InputKind expected, InputKind routed, double confidence, String head) {}

  /** The evaluation's outcome. */
  public record Result(
      int trainExamples,
      int testExamples,
      double accuracy,
      double meanConfidenceCorrect,
      double meanConfidenceWrong,
      List<Score> byKind,
      List<Score> bySource,
      List<Score> unseenSource,
      List<Miss> misses) {
    public Result {
      byKind = List.copyOf(byKind);
      bySource = List.copyOf(bySource);
      unseenSource = List.copyOf(unseenSource);
      misses = List.copyOf(misses);
    }
  }

  /** Runs the evaluation; {@code datasets} may be null for the synthetic corpus only. */
  public static Result run(Path datasets) throws IOException {
    return run(datasets, false);
  }

  /**
   * Runs the evaluation. With {@code leaveOneSourceOut}, also measures, for each real source
   * ({@code loghub/<system>}, {@code nab}, {@code petshop}), the accuracy on its held-out examples
   * of a router trained without any example of that source: how well routing generalises to a
   * system it has never seen (one training per source, so slower).
   */
  public static Result run(Path datasets, boolean leaveOneSourceOut) throws IOException {
    RouterCorpus.Split split = RouterCorpus.split(datasets);
    return score(
        Router.train(split.train()),
        split.train().size(),
        split.test(),
        leaveOneSourceOut ? unseen(split) : List.of());
  }

  /**
   * Trains on the train part of {@link RouterCorpus#split} and measures accuracy on {@code
   * heldOut}, examples from sources the corpus never draws on ({@link HeldOutCorpus}).
   */
  public static Result runHeldOut(Path datasets, List<LabelledInput> heldOut) throws IOException {
    if (heldOut.isEmpty()) {
      throw new IllegalArgumentException("no held-out examples");
    }
    RouterCorpus.Split split = RouterCorpus.split(datasets);
    return score(Router.train(split.train()), split.train().size(), heldOut, List.of());
  }

  private static Result score(
      Router router, int trainExamples, List<LabelledInput> test, List<Score> unseen) {
    Map<String, int[]> byKind = new TreeMap<>();
    Map<String, int[]> bySource = new TreeMap<>();
    List<Miss> misses = new ArrayList<>();
    int correct = 0;
    double confRight = 0;
    double confWrong = 0;
    for (LabelledInput in : test) {
      Route r = router.route(in.text());
      boolean ok = r.kind() == in.kind();
      count(byKind, in.kind().id(), ok);
      count(bySource, sourceGroup(in.source()), ok);
      if (ok) {
        correct++;
        confRight += r.confidence();
      } else {
        confWrong += r.confidence();
        String head = in.text().length() > 120 ? in.text().substring(0, 120) : in.text();
        misses.add(new Miss(in.source(), in.kind(), r.kind(), r.confidence(), head));
      }
    }
    int n = test.size();
    int wrong = n - correct;
    return new Result(
        trainExamples,
        n,
        (double) correct / n,
        correct == 0 ? 0 : confRight / correct,
        wrong == 0 ? 0 : confWrong / wrong,
        scores(byKind),
        scores(bySource),
        unseen,
        misses);
  }

  private static List<Score> unseen(RouterCorpus.Split split) {
    Map<String, int[]> counts = new TreeMap<>();
    List<String> groups =
        split.test().stream()
            .map(in -> sourceGroup(in.source()))
            .filter(g -> !g.equals("synthetic"))
            .distinct()
            .sorted()
            .toList();
    for (String group : groups) {
      Router router =
          Router.train(
              split.train().stream()
                  .filter(in -> !sourceGroup(in.source()).equals(group))
                  .toList());
      for (LabelledInput in : split.test()) {
        if (sourceGroup(in.source()).equals(group)) {
          count(counts, group, router.route(in.text()).kind() == in.kind());
        }
      }
    }
    return scores(counts);
  }

  /**
   * {@code loghub/<system>} and {@code heldout/<part>} as they are, else the first path segment
   * ({@code nab}, {@code petshop}…).
   */
  static String sourceGroup(String source) {
    return source.startsWith("loghub/") || source.startsWith("heldout/")
        ? source
        : source.split("/")[0];
  }

  private static void count(Map<String, int[]> counts, String key, boolean ok) {
    int[] c = counts.computeIfAbsent(key, k -> new int[2]);
    c[0]++;
    c[1] += ok ? 1 : 0;
  }

  private static List<Score> scores(Map<String, int[]> counts) {
    List<Score> out = new ArrayList<>();
    counts.forEach((k, c) -> out.add(new Score(k, c[0], c[1], (double) c[1] / c[0])));
    return out;
  }
}
