package dev.warroom.engine.director;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.agents.WithheldTelemetrySource;
import dev.warroom.model.FaultClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Learning the fusion from labelled incidents: the examples beside the gym's are investigated
 * incidents whose true service (and class when known) a person gave, either a labelled bundle or a
 * report that was confirmed or corrected. Every example is a dump of what the fusion decided from
 * ({@link FusionInput}) beside its truth, the format {@link RcaTrainingDump} writes for gym
 * episodes, so {@link RcaModelTrainer} fits all of them together: the current model is the prior
 * the fit starts from and is pulled towards, gym episodes weigh 1 and labelled incidents are
 * weighted per class so that each class of fault contributes the same total ("balanced" weights,
 * King and Zeng 2001's weighting for class-imbalanced logistic regression).
 */
public final class FusionLearning {
  private FusionLearning() {}

  /** A labelled incident bundle: its folder, the true service, the fault class when known. */
  public record Labelled(Path bundle, String service, FaultClass fault) {
    public Labelled {
      if (service == null || service.isBlank()) {
        throw new IllegalArgumentException(bundle + ": label without a service");
      }
    }
  }

  /**
   * The figures of a model over labelled examples: top-1 and top-3 over the fault examples (a "no
   * fault" verdict counts as a miss) and false blame over the controls.
   */
  public record Figures(int faults, int top1, int top3, int controls, int falseBlame) {
    public double top1Rate() {
      return faults == 0 ? 0 : (double) top1 / faults;
    }

    public double top3Rate() {
      return faults == 0 ? 0 : (double) top3 / faults;
    }

    /** Not worse than {@code other}: no fewer top-1 hits and no more false blame. */
    public boolean notWorseThan(Figures other) {
      return top1 >= other.top1 && falseBlame <= other.falseBlame;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "top-1 %d/%d (%.1f%%), top-3 %.1f%%, false blame %d/%d",
          top1,
          faults,
          100 * top1Rate(),
          100 * top3Rate(),
          falseBlame,
          controls);
    }
  }

  /**
   * Investigates each labelled bundle with the hand-weighted fusion and dumps it into {@code out}
   * (already dumped bundles are skipped).
   *
   * @return how many were investigated
   */
  public static int dumpLabelled(
      List<Labelled> bundles,
      Path out,
      int threads,
      java.util.function.BiConsumer<Integer, String> progress)
      throws IOException, InterruptedException {
    ObjectMapper m = new ObjectMapper();
    Map<Path, JsonNode> truths = new LinkedHashMap<>();
    for (Labelled l : bundles) {
      truths.put(l.bundle(), truth(m, l.service(), l.fault()));
    }
    return RcaTrainingDump.dump(
        truths, out, threads, Set.<WithheldTelemetrySource.Kind>of(), progress);
  }

  private static ObjectNode truth(ObjectMapper m, String service, FaultClass fault) {
    ObjectNode t = m.createObjectNode();
    t.put("root_cause_service", service);
    t.put("fault_class", fault == null ? "" : fault.id());
    t.put("control", false);
    t.put("seed", 0);
    return t;
  }

  /**
   * Writes the example of a report (warroom's JSON report) that a person confirmed or corrected:
   * the fusion input is rebuilt from the report's alert, findings (with their typed details) and
   * missing data. The report does not carry the topology or the metric scan digest, so the features
   * read from those are absent from such an example.
   *
   * @return the file written
   * @throws IllegalArgumentException naming the incident when the report has no findings array
   */
  public static Path writeReportExample(
      String incidentId, JsonNode report, String service, FaultClass fault, Path outDir)
      throws IOException {
    if (!report.path("findings").isArray()) {
      throw new IllegalArgumentException(incidentId + ": report has no findings array");
    }
    ObjectMapper m = new ObjectMapper();
    ObjectNode input = m.createObjectNode();
    JsonNode alert = report.path("alert");
    input.put(
        "alertService", alert.path("service").isTextual() ? alert.get("service").asText() : null);
    boolean symptomatic = false;
    for (JsonNode e : report.path("evidence")) {
      symptomatic |= "impact_analysis".equals(e.path("source").asText());
    }
    input.put("symptomatic", symptomatic);
    input.set("findings", report.get("findings"));
    input.putObject("topology");
    input.set(
        "missing",
        report.path("missingData").isArray() ? report.get("missingData") : m.createArrayNode());
    input.putObject("scan");
    // check now, so a report the trainer cannot read fails here with its incident's name
    try {
      FusionInput.fromJson(input);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          incidentId + ": report findings unreadable: " + e.getMessage(), e);
    }
    ObjectNode o = m.createObjectNode();
    o.put("id", incidentId);
    o.put("seed", 0);
    ObjectNode t = o.putObject("truth");
    t.put("root", service);
    t.put("faultClass", fault == null ? "" : fault.id());
    t.put("control", false);
    o.set("input", input);
    Files.createDirectories(outDir);
    String safe = incidentId.replaceAll("[^A-Za-z0-9._-]", "_");
    Path target = outDir.resolve(safe + ".json");
    Path tmp = outDir.resolve(safe + ".json.tmp");
    m.writeValue(tmp.toFile(), o);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** The example files of dump folders, sorted by name. */
  public static List<Path> examples(List<Path> dumpDirs) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path d : dumpDirs) {
      try (var s = Files.list(d)) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Fits a candidate model: {@code gym} examples weigh 1; {@code labelled} examples are weighted
   * per fault class (an unknown class is one class) so each class totals {@code labelledWeight}
   * times its share of an even split: an example of class c weighs {@code labelledWeight · N / (K ·
   * n_c)} for N labelled examples in K classes. The fit starts from {@code prior} (the current
   * model; null: the shipped one, if any). Labelled incidents are all faults, so they do not fit
   * the detector (fault or no fault): that one learns from the gym episodes, controls included.
   *
   * @return the candidate, not yet written anywhere
   */
  public static Candidate fit(
      List<Path> gym, List<Path> labelled, double labelledWeight, Path prior) throws IOException {
    if (!(labelledWeight > 0)) {
      throw new IllegalArgumentException("labelled weight must be > 0: " + labelledWeight);
    }
    List<RcaModelTrainer.Episode> eps = new ArrayList<>(read(gym));
    List<RcaModelTrainer.Episode> weighted = new ArrayList<>();
    List<RcaModelTrainer.Episode> lab = read(labelled);
    Map<String, Integer> perClass = new HashMap<>();
    lab.forEach(e -> perClass.merge(classKey(e), 1, Integer::sum));
    for (RcaModelTrainer.Episode e : lab) {
      double w =
          labelledWeight * lab.size() / (perClass.size() * (double) perClass.get(classKey(e)));
      weighted.add(
          new RcaModelTrainer.Episode(
              e.id(), e.seed(), e.input(), e.root(), e.fault(), e.control(), w));
    }
    if (eps.isEmpty() && weighted.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing to learn from: no gym episodes, no labelled ones");
    }
    RcaModel before = load(prior).orElse(null);
    String trainedOn =
        String.format(
            Locale.ROOT,
            "%d gym episodes and %d labelled incidents (weight %.2f, class-balanced)%s",
            eps.size(),
            lab.size(),
            labelledWeight,
            before == null ? "" : ", starting from " + before.version());
    // labelled incidents teach the ranker and classifier; the detector learns from the gym only
    return new Candidate(RcaModelTrainer.fit(eps, weighted, trainedOn, before));
  }

  private static String classKey(RcaModelTrainer.Episode e) {
    return e.fault() == null ? "?" : e.fault().id();
  }

  /** A model file (e.g. one a person edited or trained elsewhere) as a candidate for the gate. */
  public static Candidate candidate(Path modelFile) throws IOException {
    return new Candidate(
        load(java.util.Objects.requireNonNull(modelFile, "modelFile")).orElseThrow());
  }

  /** A fitted model held in memory until it is adopted. */
  public static final class Candidate {
    private final RcaModel model;

    Candidate(RcaModel model) {
      this.model = model;
    }

    RcaModel model() {
      return model;
    }

    /** Writes it as {@code version} to {@code file}. */
    public void write(Path file, String version) throws IOException {
      ObjectMapper m = new ObjectMapper();
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      m.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), model.named(version).toJson(m));
    }

    /** Its figures on example files. */
    public Figures score(List<Path> examples) throws IOException {
      return FusionLearning.score(model, read(examples));
    }

    public String trainedOn() {
      return model.trainedOn();
    }
  }

  /** The figures of a model file (null: the shipped model) on example files. */
  public static Figures score(Path model, List<Path> examples) throws IOException {
    RcaModel m =
        load(model)
            .orElseThrow(() -> new IllegalArgumentException("no model: none given, none shipped"));
    return score(m, read(examples));
  }

  static java.util.Optional<RcaModel> load(Path model) throws IOException {
    if (model == null) {
      return RcaModel.shippedOnce();
    }
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException(model + ": no such model file");
    }
    JsonNode json = new ObjectMapper().readTree(model.toFile());
    if (json == null || !json.has("ranker") || !json.has("detector") || !json.has("classes")) {
      throw new IllegalArgumentException(
          model + ": not a warroom model (needs ranker, detector and classes)");
    }
    return java.util.Optional.of(RcaModel.fromJson(json));
  }

  static Figures score(RcaModel m, List<RcaModelTrainer.Episode> eps) {
    int faults = 0, top1 = 0, top3 = 0, controls = 0, blamed = 0;
    for (RcaModelTrainer.Episode e : eps) {
      List<EvidenceFusion.Candidate> ranked =
          LearnedFusion.apply(m, e.input(), Director.fuse(e.input()));
      boolean noFault = ranked.isEmpty() || ranked.get(0).score() < m.noFaultBelow();
      if (e.control()) {
        controls++;
        blamed += noFault ? 0 : 1;
        continue;
      }
      faults++;
      if (noFault) {
        continue;
      }
      for (int i = 0; i < Math.min(3, ranked.size()); i++) {
        if (ranked.get(i).service().equals(e.root())) {
          top3++;
          top1 += i == 0 ? 1 : 0;
        }
      }
    }
    return new Figures(faults, top1, top3, controls, blamed);
  }

  static List<RcaModelTrainer.Episode> read(List<Path> files) throws IOException {
    ObjectMapper m = new ObjectMapper();
    List<RcaModelTrainer.Episode> out = new ArrayList<>();
    for (Path f : files) {
      out.add(RcaModelTrainer.episode(f, m.readTree(f.toFile())));
    }
    return out;
  }
}
