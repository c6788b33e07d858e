package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.References;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fusion reads findings' typed details, never their summaries: on gym episodes investigated by
 * the standard director, the typed features equal the ones the shipped model was trained on (the
 * summary regular expressions of {@link SummaryRegexFeatures}), and rewording every summary changes
 * no feature, score or rank.
 *
 * <p>The episodes cover every family the summaries used to carry: Kubernetes reasons, log error
 * categories, categories naming a callee, error origins, failed-call edges and missing indexes.
 * {@code -Dwarroom.featureCheckSeeds=100..139} adds the generated suite of {@code warroom gym eval
 * --seeds 100..139} (same systems and faults in rotation) for a wider one-off check.
 */
class TypedFindingFeaturesTest {
  private static final Duration WINDOW = Duration.ofMinutes(60);
  private static final Duration HISTORY = Duration.ofDays(1);

  /** Each episode's fusion input, as the standard director handed it to the fusion. */
  private static final Map<String, FusionInput> INPUTS = new LinkedHashMap<>();

  @BeforeAll
  static void investigateEpisodes() {
    // generated one at a time: a full-size episode's telemetry is large, its fusion input small
    List<Supplier<Episode>> episodes = new ArrayList<>();
    episodes.add(() -> new Gym().reset(4, small(References.get("ref4-unindexed-query"))));
    episodes.add(() -> new Gym().reset(5, small(References.get("ref5-exec-format"))));
    String[][] picks = {
      {"shop", "MEMORY_EXHAUSTION"},
      {"bank", "NETWORK_PARTITION"},
      {"market", "DNS_FAILURE"},
      {"shop", "TLS_CERT_EXPIRED"},
      {"bank", "NULL_DEREFERENCE"},
      {"market", "CONNECTION_POOL_EXHAUSTION"},
      {"shop", "CRASH_LOOP_BAD_CONFIG"},
    };
    long seed = 301;
    for (String[] p : picks) {
      Scenario sc = Scenario.of(SystemCatalog.get(p[0]), FaultType.valueOf(p[1]));
      long s = seed++;
      episodes.add(() -> new Gym().reset(s, small(sc)));
    }
    String range = System.getProperty("warroom.featureCheckSeeds");
    if (range != null) {
      String[] ab = range.split("\\.\\.");
      for (long s = Long.parseLong(ab[0]); s <= Long.parseLong(ab[1]); s++) {
        long g = s;
        episodes.add(() -> generated(g));
      }
    }
    AtomicReference<FusionInput> got = new AtomicReference<>();
    Investigator inv = new Investigator(Director.standard().withObserver(got::set));
    for (Supplier<Episode> next : episodes) {
      Episode ep = next.get();
      got.set(null);
      inv.investigate(ep.bundle(), ep.id(), null);
      assertThat(got.get()).as(ep.id()).isNotNull();
      INPUTS.put(ep.id(), got.get());
    }
  }

  private static Scenario small(Scenario s) {
    return s.withWindow(WINDOW, HISTORY).withTracesPerMinute(20);
  }

  /** The episode {@code warroom gym eval --seeds} generates for this seed. */
  private static Episode generated(long seed) {
    List<String> systems = SystemCatalog.names();
    FaultType[] faults = FaultType.values();
    var system = SystemCatalog.get(systems.get((int) Math.floorMod(seed, (long) systems.size())));
    if (Math.floorMod(seed, 10L) == 0) {
      return new Gym().reset(seed, Scenario.control(system));
    }
    int first = (int) Math.floorMod(seed * 7 + seed / 10, (long) faults.length);
    for (int k = 0; k < faults.length; k++) {
      try {
        return new Gym().reset(seed, Scenario.of(system, faults[(first + k) % faults.length]));
      } catch (IllegalArgumentException notForThisSystem) {
        // the next fault in rotation, as the suite does
      }
    }
    throw new IllegalStateException("no fault fits seed " + seed);
  }

  @Test
  void typedFeaturesEqualTheSummaryFeaturesTheModelWasTrainedOn() {
    List<String> families = new ArrayList<>();
    int candidates = 0;
    for (var e : INPUTS.entrySet()) {
      FusionInput in = e.getValue();
      var ranked = Director.fuse(in);
      var typed = CandidateFeatures.of(in, ranked);
      var legacy = SummaryRegexFeatures.of(in, ranked);
      assertThat(withoutTypedOnly(typed)).as(e.getKey()).isEqualTo(legacy);
      candidates += typed.size();
      typed.values().forEach(f -> f.keySet().forEach(families::add));
    }
    System.out.printf(
        "typed vs summary features: %d episodes, %d candidates, identical%n",
        INPUTS.size(), candidates);
    // the episodes exercise every feature the summaries used to carry
    assertThat(families)
        .anyMatch(k -> k.startsWith("k8s."))
        .anyMatch(k -> k.startsWith("log."))
        .anyMatch(k -> k.startsWith("named."))
        .anyMatch(k -> k.startsWith("edge.err."))
        .anyMatch(k -> k.equals("edge.one_callee") || k.equals("edge.all_callees"))
        .contains("errors.origin", "db.missing_index");
  }

  @Test
  void rewordingEverySummaryChangesNoFeatureScoreOrRank() {
    RcaModel model = RcaModel.shippedOnce().orElseThrow();
    boolean regexesNoticed = false;
    for (var e : INPUTS.entrySet()) {
      FusionInput in = e.getValue();
      FusionInput reworded = reworded(in);
      assertThat(reworded.findings())
          .zipSatisfy(in.findings(), (a, b) -> assertThat(a.summary()).isNotEqualTo(b.summary()));

      var ranked = Director.fuse(in);
      var rankedReworded = Director.fuse(reworded);
      assertThat(rankedReworded).as(e.getKey()).isEqualTo(ranked);
      assertThat(CandidateFeatures.of(reworded, rankedReworded))
          .as(e.getKey())
          .isEqualTo(CandidateFeatures.of(in, ranked));
      assertThat(LearnedFusion.apply(model, reworded, rankedReworded))
          .as(e.getKey())
          .isEqualTo(LearnedFusion.apply(model, in, ranked));
      // the check has teeth: features read from sentences would have moved
      regexesNoticed |=
          !SummaryRegexFeatures.of(reworded, rankedReworded)
              .equals(SummaryRegexFeatures.of(in, ranked));
    }
    assertThat(regexesNoticed).isTrue();
  }

  @Test
  void typedDetailsSurviveTheTrainingDump() {
    ObjectMapper m = new ObjectMapper();
    for (var e : INPUTS.entrySet()) {
      FusionInput in = e.getValue();
      FusionInput back = FusionInput.fromJson(m.valueToTree(in.toJson(m)));
      assertThat(back.findings())
          .as(e.getKey())
          .extracting(Finding::detail)
          .isEqualTo(in.findings().stream().map(Finding::detail).toList());
      assertThat(CandidateFeatures.of(back, Director.fuse(back)))
          .isEqualTo(CandidateFeatures.of(in, Director.fuse(in)));
    }
  }

  @Test
  void noFusionOrScorerSourceReadsASummary() throws java.io.IOException {
    List<java.nio.file.Path> sources = new ArrayList<>();
    for (String dir :
        List.of("src/main/java/dev/warroom/engine/director", "../warroom-eval/src/main/java")) {
      try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(dir))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
      }
    }
    assertThat(sources).hasSizeGreaterThan(20);
    for (java.nio.file.Path f : sources) {
      String text = java.nio.file.Files.readString(f);
      if (f.getFileName().toString().equals("FusionInput.java")) {
        // the dump keeps the summary for people reading it; nothing reads it back into a feature
        text = text.replace("j.put(\"summary\", f.summary());", "");
      }
      assertThat(text).as(f.toString()).doesNotContain(".summary()");
    }
  }

  /** The same findings, each summary replaced by its reverse with a note: other words entirely. */
  private static FusionInput reworded(FusionInput in) {
    List<Finding> fs =
        in.findings().stream()
            .map(
                f ->
                    f.withSummary(
                        "reworded: " + new StringBuilder(f.summary()).reverse() + " (reworded)"))
            .toList();
    return new FusionInput(
        in.alertService(), in.symptomatic(), fs, in.topology(), in.scan(), in.missing());
  }

  /**
   * Features that exist only as typed details, added after the summaries stopped being read (the
   * regex copy has nothing to compare them with): a changed call pattern ({@code
   * FindingDetail.CallPatternShift}).
   */
  static final java.util.Set<String> TYPED_ONLY = java.util.Set.of("calls.shifted");

  private static java.util.Map<String, java.util.Map<String, Double>> withoutTypedOnly(
      java.util.Map<String, java.util.Map<String, Double>> features) {
    java.util.Map<String, java.util.Map<String, Double>> out = new java.util.HashMap<>();
    features.forEach(
        (svc, f) -> {
          java.util.Map<String, Double> g = new java.util.HashMap<>(f);
          g.keySet().removeAll(TYPED_ONLY);
          out.put(svc, g);
        });
    return out;
  }
}
