package dev.warroom.engine.director;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.FaultClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fits {@link RcaModel} on dumps written by {@link RcaTrainingDump} and reports its accuracy on
 * held-aside dumps. The ranker is an L2-regularised conditional logit over each fault episode's
 * candidates (the chosen one: the true root cause); the detector L2-regularised logistic regression
 * on the ranker's top candidate (fault episode against control); the classifier an L2-regularised
 * multinomial logistic regression over the true root-cause candidate's features (label: its fault
 * class). All are fitted by full-batch gradient descent with Adam (Kingma and Ba 2015); the
 * no-fault threshold is the one that minimises training errors with a control's false blame
 * weighted {@link #CONTROL_WEIGHT} times a lost hit.
 *
 * <pre>
 * java -cp warroom.jar dev.warroom.engine.director.RcaModelTrainer OUT.json TRAIN_DUMPS... \
 *     [--eval DEV_DUMPS]...
 * </pre>
 */
public final class RcaModelTrainer {
  // Overridable with -Dwarroom.train.* for sweeps; the shipped model used these defaults.
  static final double CONTROL_WEIGHT =
      Double.parseDouble(System.getProperty("warroom.train.controlWeight", "3"));
  static final double L2 = Double.parseDouble(System.getProperty("warroom.train.l2", "0.0005"));
  static final int EPOCHS = Integer.getInteger("warroom.train.epochs", 1500);
  static final int MIN_SUPPORT = 3;
  static final double CLASS_AT_LEAST = 0.25;

  private RcaModelTrainer() {}

  /**
   * One training example: an investigated incident (a gym episode's dump, a labelled bundle, a
   * confirmed or corrected report) and its truth.
   *
   * @param fault the true fault class, or null where the label names the service only (the example
   *     then teaches the ranker and the detector, not the classifier)
   * @param weight how much the example counts in the loss (gym episodes 1)
   */
  record Episode(
      String id,
      long seed,
      FusionInput input,
      String root,
      FaultClass fault,
      boolean control,
      double weight) {
    Episode {
      if (!(weight > 0)) {
        throw new IllegalArgumentException("weight <= 0: " + weight);
      }
    }

    Episode(
        String id, long seed, FusionInput input, String root, FaultClass fault, boolean control) {
      this(id, seed, input, root, fault, control, 1);
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: RcaModelTrainer OUT.json TRAIN_DUMP_DIR... [--eval DEV_DUMP_DIR]...");
    }
    List<Path> train = new ArrayList<>();
    List<Path> evals = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--eval")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--eval: missing DEV_DUMP_DIR");
        }
        evals.add(Path.of(args[++i]));
      } else {
        train.add(Path.of(args[i]));
      }
    }
    List<Episode> episodes = new ArrayList<>();
    for (Path p : train) {
      episodes.addAll(read(p));
    }
    RcaModel model = fit(episodes, describe(episodes));
    ObjectMapper m = new ObjectMapper();
    m.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), model.toJson(m));
    System.out.println("train: " + score(model, episodes));
    List<Episode> all = new ArrayList<>();
    for (Path e : evals) {
      List<Episode> dev = read(e);
      all.addAll(dev);
      System.out.println("eval " + e.getFileName() + ": " + score(model, dev));
    }
    if (evals.size() > 1) {
      System.out.println("eval (all): " + score(model, all));
    }
  }

  /**
   * Fits a model on the dump folders and writes it to {@code modelOut}.
   *
   * @return the model's figures on its own training episodes (a sanity check, not an estimate)
   */
  public static String train(List<Path> dumpDirs, Path modelOut) throws IOException {
    List<Episode> episodes = new ArrayList<>();
    for (Path p : dumpDirs) {
      episodes.addAll(read(p));
    }
    if (episodes.isEmpty()) {
      throw new IllegalArgumentException("no dumped episodes in " + dumpDirs);
    }
    RcaModel model = fit(episodes, describe(episodes));
    ObjectMapper m = new ObjectMapper();
    m.writerWithDefaultPrettyPrinter().writeValue(modelOut.toFile(), model.toJson(m));
    return score(model, episodes);
  }

  /** The figures of a model file (written by {@link #train}) on the episodes of a dump folder. */
  public static String evaluate(Path modelJson, Path dumpDir) throws IOException {
    RcaModel model = RcaModel.fromJson(new ObjectMapper().readTree(modelJson.toFile()));
    return score(model, read(dumpDir));
  }

  /** "620 gym episodes, seeds 2000..2399, 3000..3035 (all < 10000)": the seed ranges used. */
  static String describe(List<Episode> eps) {
    long[] seeds = eps.stream().mapToLong(Episode::seed).sorted().distinct().toArray();
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < seeds.length; ) {
      int j = i;
      while (j + 1 < seeds.length && seeds[j + 1] - seeds[j] <= 10) {
        j++;
      }
      runs.add(seeds[i] + ".." + seeds[j]);
      i = j + 1;
    }
    return eps.size()
        + " gym episodes, seeds "
        + String.join(", ", runs)
        + " (all < 10000; gaps of up to 10 seeds inside a range)";
  }

  static List<Episode> read(Path dir) throws IOException {
    ObjectMapper m = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<Episode> out = new ArrayList<>();
    for (Path f : files) {
      out.add(episode(f, m.readTree(f.toFile())));
    }
    return out;
  }

  /** One dump file's example; {@code f} names it in errors. */
  static Episode episode(Path f, JsonNode o) {
    long seed = o.path("seed").asLong();
    if (seed >= RcaTrainingDump.HELD_OUT_FROM) {
      throw new IllegalArgumentException(f + ": seed " + seed + " is held out");
    }
    JsonNode t = o.path("truth");
    String fault = t.path("faultClass").asText("");
    try {
      return new Episode(
          o.path("id").asText(),
          seed,
          FusionInput.fromJson(o.path("input")),
          t.path("root").isNull() ? null : t.path("root").asText(),
          fault.isEmpty() ? null : FaultClass.parse(fault),
          t.path("control").asBoolean(),
          o.path("weight").asDouble(1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
    }
  }

  /** Features of each episode's candidates, in fused order. */
  record Prepared(Episode ep, List<String> services, List<Map<String, Double>> features) {}

  static Prepared prepare(Episode e) {
    List<EvidenceFusion.Candidate> ranked = Director.fuse(e.input());
    Map<String, Map<String, Double>> f = CandidateFeatures.of(e.input(), ranked);
    List<String> services = ranked.stream().map(EvidenceFusion.Candidate::service).toList();
    return new Prepared(e, services, services.stream().map(f::get).toList());
  }

  static RcaModel fit(List<Episode> episodes, String trainedOn) {
    return fit(episodes, trainedOn, null);
  }

  /**
   * Fits on weighted episodes; with a {@code prior} model the fit starts from its weights and the
   * L2 penalty pulls towards them ({@link Softmax#fit(double[][], double[], List, int, double,
   * double[][], int)}), its features stay in the vocabulary, and where the episodes hold no control
   * its no-fault threshold is kept (there is nothing to set one from).
   */
  static RcaModel fit(List<Episode> episodes, String trainedOn, RcaModel prior) {
    return fit(episodes, List.of(), trainedOn, prior);
  }

  /**
   * As {@link #fit(List, String, RcaModel)}, with {@code rankOnly} examples that teach the ranker
   * and the classifier but not the detector: labelled incidents are all faults (no one labels a
   * quiet system), and fitting the detector on them alone would teach it that there always is one.
   * With a prior its no-fault threshold is kept: refitting one on a few episodes is noise.
   */
  static RcaModel fit(
      List<Episode> episodes, List<Episode> rankOnly, String trainedOn, RcaModel prior) {
    List<Prepared> data =
        java.util.stream.Stream.concat(episodes.stream(), rankOnly.stream())
            .map(RcaModelTrainer::prepare)
            .toList();
    List<Prepared> detectorData = data.subList(0, episodes.size());
    Map<String, Integer> support = new HashMap<>();
    data.forEach(
        p -> p.features().forEach(f -> f.keySet().forEach(k -> support.merge(k, 1, Integer::sum))));
    java.util.Set<String> keep = new java.util.TreeSet<>();
    support.forEach(
        (k, n) -> {
          if (n >= MIN_SUPPORT) {
            keep.add(k);
          }
        });
    if (prior != null) {
      keep.addAll(prior.ranker().keySet());
      prior.classes().values().forEach(w -> keep.addAll(w.keySet()));
    }
    List<String> vocab = List.copyOf(keep);
    Map<String, Integer> index = new HashMap<>();
    vocab.forEach(v -> index.put(v, index.size()));
    // Ranker: one choice among each fault episode's candidates. Classes: the true root's features.
    List<double[][]> groups = new ArrayList<>();
    List<Integer> chosen = new ArrayList<>();
    List<Double> gw = new ArrayList<>();
    List<double[]> cx = new ArrayList<>();
    List<Integer> cy = new ArrayList<>();
    List<Double> cw = new ArrayList<>();
    List<FaultClass> classes = new ArrayList<>();
    if (prior != null) {
      classes.addAll(prior.classes().keySet());
    }
    for (Prepared p : data) {
      int root = p.ep().control() ? -1 : p.services().indexOf(p.ep().root());
      if (root < 0) {
        continue;
      }
      double[][] g = new double[p.services().size()][];
      for (int i = 0; i < g.length; i++) {
        g[i] = dense(p.features().get(i), index);
      }
      groups.add(g);
      chosen.add(root);
      gw.add(p.ep().weight());
      if (p.ep().fault() == null) {
        continue;
      }
      if (!classes.contains(p.ep().fault())) {
        classes.add(p.ep().fault());
      }
      cx.add(g[root]);
      cy.add(classes.indexOf(p.ep().fault()));
      cw.add(p.ep().weight());
    }
    double[] wr =
        Softmax.fitListwise(
            groups,
            gw.stream().mapToDouble(Double::doubleValue).toArray(),
            chosen.stream().mapToInt(Integer::intValue).toArray(),
            L2,
            prior == null ? null : vector(prior.ranker(), vocab),
            EPOCHS);
    Map<String, Double> ranker = new TreeMap<>();
    for (String v : vocab) {
      ranker.put(v, wr[index.get(v)]);
    }
    double[][] classPrior = null;
    if (prior != null) {
      classPrior = new double[classes.size()][];
      for (int k = 0; k < classes.size(); k++) {
        classPrior[k] = vector(prior.classes().getOrDefault(classes.get(k), Map.of()), vocab);
      }
    }
    double[][] wc =
        Softmax.fit(
            cx.toArray(double[][]::new),
            cw.stream().mapToDouble(Double::doubleValue).toArray(),
            cy,
            classes.size(),
            L2,
            classPrior,
            EPOCHS);
    Map<FaultClass, Map<String, Double>> cls = new EnumMap<>(FaultClass.class);
    for (int k = 0; k < classes.size(); k++) {
      Map<String, Double> w = new TreeMap<>();
      for (String v : vocab) {
        w.put(v, wc[k][index.get(v)]);
      }
      cls.put(classes.get(k), w);
    }
    // Detector: the ranker's top candidate of every episode, fault (1) against control (0).
    RcaModel ranking = new RcaModel(ranker, Map.of(), cls, 0, 0, trainedOn);
    List<Map<String, Double>> dx = new ArrayList<>();
    List<Integer> dy = new ArrayList<>();
    List<Double> dw = new ArrayList<>();
    for (Prepared p : detectorData) {
      if (p.services().isEmpty()) {
        continue;
      }
      double[] choice = ranking.choiceProbabilities(p.features());
      int top = LearnedFusion.argmax(choice);
      dx.add(LearnedFusion.detectorFeatures(p.features(), choice, top));
      dy.add(p.ep().control() ? 0 : 1);
      dw.add(p.ep().weight());
    }
    Map<String, Integer> dindex = new HashMap<>(index);
    Map<String, Integer> dsupport = new TreeMap<>();
    dx.forEach(f -> f.keySet().forEach(k -> dsupport.merge(k, 1, Integer::sum)));
    dsupport.forEach(
        (k, n) -> {
          if (n >= MIN_SUPPORT) {
            dindex.putIfAbsent(k, dindex.size());
          }
        });
    double[][] detectorPrior = null;
    if (prior != null) {
      prior.detector().keySet().stream()
          .sorted()
          .forEach(k -> dindex.putIfAbsent(k, dindex.size()));
      // the two-class softmax's weights whose difference is the prior's logit
      detectorPrior = new double[2][dindex.size()];
      for (var e : dindex.entrySet()) {
        detectorPrior[1][e.getValue()] = prior.detector().getOrDefault(e.getKey(), 0.0);
      }
    }
    double[][] wd =
        Softmax.fit(
            dx.stream().map(f -> dense(f, dindex)).toArray(double[][]::new),
            dw.stream().mapToDouble(Double::doubleValue).toArray(),
            dy,
            2,
            L2,
            detectorPrior,
            EPOCHS);
    Map<String, Double> detector = new TreeMap<>();
    dindex.forEach((k, i) -> detector.put(k, wd[1][i] - wd[0][i]));
    RcaModel provisional = new RcaModel(ranker, detector, cls, 0, 0, trainedOn);
    double threshold =
        prior != null ? prior.noFaultBelow() : noFaultThreshold(provisional, detectorData);
    return new RcaModel(ranker, detector, cls, threshold, CLASS_AT_LEAST, trainedOn);
  }

  private static double noFaultThreshold(RcaModel m, List<Prepared> data) {
    List<double[]> tops = new ArrayList<>(); // {p, hit?, control?}
    for (Prepared p : data) {
      List<EvidenceFusion.Candidate> ranked =
          LearnedFusion.apply(m, p.ep().input(), Director.fuse(p.ep().input()));
      double best = ranked.isEmpty() ? 0 : ranked.get(0).score();
      boolean hit =
          !ranked.isEmpty() && !p.ep().control() && ranked.get(0).service().equals(p.ep().root());
      tops.add(new double[] {best, hit ? 1 : 0, p.ep().control() ? 1 : 0});
    }
    double bestT = 0;
    double bestCost = Double.MAX_VALUE;
    for (double t = 0; t <= 0.9; t += 0.01) {
      double cost = 0;
      for (double[] x : tops) {
        if (x[2] == 1 && x[0] >= t) {
          cost += CONTROL_WEIGHT;
        } else if (x[1] == 1 && x[0] < t) {
          cost += 1;
        }
      }
      if (cost < bestCost) {
        bestCost = cost;
        bestT = t;
      }
    }
    return bestT;
  }

  private static double[] vector(Map<String, Double> w, List<String> vocab) {
    double[] x = new double[vocab.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = w.getOrDefault(vocab.get(i), 0.0);
    }
    return x;
  }

  private static double[] dense(Map<String, Double> f, Map<String, Integer> index) {
    double[] x = new double[index.size()];
    f.forEach(
        (k, v) -> {
          Integer i = index.get(k);
          if (i != null) {
            x[i] = v;
          }
        });
    return x;
  }

  /** Top-1, top-3, class and false-blame figures of the model on dumped episodes. */
  static String score(RcaModel m, List<Episode> eps) {
    int faults = 0, top1 = 0, top3 = 0, cls = 0, controls = 0, blamed = 0;
    Map<String, Integer> confusion = new TreeMap<>();
    for (Episode e : eps) {
      List<EvidenceFusion.Candidate> ranked =
          LearnedFusion.apply(m, e.input(), Director.fuse(e.input()));
      boolean noFault = ranked.isEmpty() || ranked.get(0).score() < m.noFaultBelow();
      if (Boolean.getBoolean("warroom.train.verbose")) {
        System.out.printf(
            java.util.Locale.ROOT,
            "%-44s truth %-18s %-26s got %-18s %-26s %.3f%s%n",
            e.id(),
            e.control() ? "-" : e.root(),
            e.fault() == null ? "?" : e.fault().id(),
            ranked.isEmpty() ? "-" : ranked.get(0).service(),
            ranked.isEmpty() ? "-" : ranked.get(0).faultClass().id(),
            ranked.isEmpty() ? 0 : ranked.get(0).score(),
            noFault ? " no_fault" : "");
      }
      if (e.control()) {
        controls++;
        blamed += noFault ? 0 : 1;
        continue;
      }
      faults++;
      if (noFault) {
        confusion.merge(
            (e.fault() == null ? "?" : e.fault().id()) + " -> no_fault", 1, Integer::sum);
        continue;
      }
      for (int i = 0; i < Math.min(3, ranked.size()); i++) {
        if (ranked.get(i).service().equals(e.root())) {
          top3++;
          if (i == 0) {
            top1++;
          }
        }
      }
      if (ranked.get(0).faultClass() == e.fault()) {
        cls++;
      } else if (e.fault() != null) {
        confusion.merge(e.fault().id() + " -> " + ranked.get(0).faultClass().id(), 1, Integer::sum);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "faults %d: top-1 %.1f%% top-3 %.1f%% class %.1f%%; controls %d: false blame %d%n",
            faults,
            100.0 * top1 / Math.max(1, faults),
            100.0 * top3 / Math.max(1, faults),
            100.0 * cls / Math.max(1, faults),
            controls,
            blamed));
    confusion.forEach((k, v) -> sb.append("  ").append(k).append(" x").append(v).append('\n'));
    return sb.toString();
  }
}
