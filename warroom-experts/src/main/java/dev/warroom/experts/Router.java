package dev.warroom.experts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGeneratorFactory;

/**
 * The mixture's routing layer: decides which expert(s) should process an input (a blob of text, a
 * table, a JSON document) and how sure it is. A trained classifier, not hand-written rules: {@link
 * Features} (hashed character n-grams and line shapes) and {@link SoftmaxRegression} (multinomial
 * logistic regression), trained on a labelled corpus ({@link RouterCorpus}).
 *
 * <pre>{@code
 * Router router = Router.trained();
 * Route r = router.route(Files.readString(path));
 * r.kind();        // LOG_JAVA
 * r.experts();     // [logs]
 * r.confidence();  // 0.97
 * }</pre>
 */
public final class Router {
  static final int EPOCHS = 4;
  static final double LEARNING_RATE = 0.5;
  static final long SHUFFLE_SEED = 7L;

  private final SoftmaxRegression model;

  private Router(SoftmaxRegression model) {
    this.model = model;
  }

  /** A router trained on the built-in synthetic corpus ({@link RouterCorpus#synthetic}). */
  public static Router trained() {
    return train(RouterCorpus.synthetic(RouterCorpus.TRAIN_SEED, RouterCorpus.TRAIN_PER_KIND));
  }

  /** A router trained on the given examples; every kind should have some. */
  public static Router train(List<LabelledInput> corpus) {
    Objects.requireNonNull(corpus, "corpus");
    if (corpus.isEmpty()) {
      throw new IllegalArgumentException("empty training corpus");
    }
    List<int[]> docs = new ArrayList<>(corpus.size());
    List<Integer> labels = new ArrayList<>(corpus.size());
    for (LabelledInput in : corpus) {
      docs.add(Features.extract(in.text()));
      labels.add(in.kind().ordinal());
    }
    return new Router(
        SoftmaxRegression.train(
            docs,
            labels,
            InputKind.values().length,
            EPOCHS,
            LEARNING_RATE,
            RandomGeneratorFactory.of("L64X128MixRandom").create(SHUFFLE_SEED)));
  }

  /**
   * Routes one input.
   *
   * @throws IllegalArgumentException when the input is blank
   */
  public Route route(String input) {
    Objects.requireNonNull(input, "input");
    if (input.isBlank()) {
      throw new IllegalArgumentException("input: blank, nothing to route");
    }
    int[] features = Features.extract(input);
    double[] p = model.probabilities(features);
    InputKind[] kinds = InputKind.values();
    List<Route.Alternative> ranked = new ArrayList<>();
    for (int c = 0; c < p.length; c++) {
      ranked.add(new Route.Alternative(kinds[c], p[c]));
    }
    ranked.sort(Comparator.comparingDouble(Route.Alternative::probability).reversed());
    Route.Alternative best = ranked.get(0);
    return new Route(
        best.kind(), Math.min(1, best.probability()), best.kind().experts(), ranked.subList(0, 3));
  }
}
