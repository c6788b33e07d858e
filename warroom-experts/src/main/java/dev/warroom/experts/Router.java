package dev.warroom.experts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGeneratorFactory;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The mixture's routing layer: decides which expert(s) should process an input (a blob of text, a
 * table, a JSON document) and how sure it is. A trained classifier, not hand-written rules: {@link
 * Features} (hashed character n-grams and line shapes) and {@link SoftmaxRegression} (multinomial
 * logistic regression), trained on a labelled corpus ({@link RouterCorpus}).
 *
 * <pre>{@code
 * Router router = Router.shipped();   // or Router.trained() to train afresh
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
    return train(builtInCorpus());
  }

  static List<LabelledInput> builtInCorpus() {
    return RouterCorpus.synthetic(RouterCorpus.TRAIN_SEED, RouterCorpus.TRAIN_PER_KIND);
  }

  /** Where the shipped weights live, beside this class. */
  static final String RESOURCE = "router-model.bin.gz";

  private static final String MAGIC = "warroom-router-1";

  /**
   * The router trained on the built-in corpus, read from the weights shipped in the jar (a few
   * milliseconds) instead of trained afresh (seconds: generating the corpus and extracting its
   * features dominate). Falls back to {@link #trained()} when the jar carries no weights. {@code
   * ShippedRouterTest} fails when the weights are stale (the corpus, features or training changed);
   * regenerate them with {@code java -cp warroom.jar dev.warroom.experts.Router FILE}.
   */
  public static Router shipped() {
    try (InputStream in = Router.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return trained();
      }
      return read(in).router();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the shipped router " + RESOURCE, e);
    }
  }

  /** A router read back with the fingerprint of the corpus it was trained on. */
  record Stored(Router router, String fingerprint) {}

  static Stored read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
    String magic = in.readUTF();
    if (!magic.equals(MAGIC)) {
      throw new IOException("not a warroom router model (" + magic + ")");
    }
    String fingerprint = in.readUTF();
    return new Stored(new Router(SoftmaxRegression.read(in)), fingerprint);
  }

  void write(OutputStream raw, String fingerprint) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(raw);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz));
    out.writeUTF(MAGIC);
    out.writeUTF(fingerprint);
    model.write(out);
    out.flush();
    gz.finish();
  }

  /**
   * What the trained weights depend on: the corpus (texts and labels, in order), the feature
   * dimension and the training settings, as a SHA-256.
   */
  static String fingerprint(List<LabelledInput> corpus) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(
          (Features.DIMENSION + "/" + EPOCHS + "/" + LEARNING_RATE + "/" + SHUFFLE_SEED + "/")
              .getBytes(StandardCharsets.UTF_8));
      for (LabelledInput in : corpus) {
        md.update(in.kind().name().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(in.text().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Trains on the built-in corpus and writes the weights that {@link #shipped()} reads.
   *
   * <pre>
   * java -cp warroom-cli/target/warroom.jar dev.warroom.experts.Router \
   *   warroom-experts/src/main/resources/dev/warroom/experts/router-model.bin.gz
   * </pre>
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: Router OUT_FILE");
    }
    List<LabelledInput> corpus = builtInCorpus();
    try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
      train(corpus).write(out, fingerprint(corpus));
    }
    System.out.println("wrote " + args[0] + " (" + Files.size(Path.of(args[0])) + " bytes)");
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
