package dev.warroom.eval;

import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.agents.TimedTelemetrySource;
import dev.warroom.engine.agents.WithheldTelemetrySource;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.director.Investigator;
import dev.warroom.gym.GroundTruth;
import dev.warroom.gym.Reward;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.RcaReport;
import dev.warroom.model.RootCauseCandidate;
import dev.warroom.model.Verdict;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Investigates every episode of a gym suite folder (each sub-folder a bundle with {@code
 * truth.json}, as {@code warroom gym suite} writes them) and scores each report with the gym's
 * reward. Each investigation goes the user's way: read the bundle folder, load the embedded store,
 * run the Director. The time measured per episode is that whole path; each result also carries a
 * profile of it by phase ({@link EpisodeResult#phases()}).
 */
public final class GymSuiteEvaluation {
  private final Director director;
  private final Investigator investigator;
  private final java.util.Set<WithheldTelemetrySource.Kind> withheld;

  public GymSuiteEvaluation(Director director) {
    this(director, java.util.Set.of());
  }

  /**
   * An evaluation that withholds whole kinds of data from every investigation ({@link
   * WithheldTelemetrySource}): how the engine does on partial bundles.
   */
  public GymSuiteEvaluation(
      Director director, java.util.Set<WithheldTelemetrySource.Kind> withheld) {
    this.director = Objects.requireNonNull(director, "director");
    this.withheld = java.util.Set.copyOf(withheld);
    this.investigator = new Investigator(director, withheld);
  }

  /** The episode folders of a suite: sub-folders holding a {@code truth.json}, sorted by name. */
  public static List<Path> episodes(Path suiteDir) {
    if (!Files.isDirectory(suiteDir)) {
      throw new IllegalArgumentException(suiteDir + ": not a folder");
    }
    try (Stream<Path> s = Files.list(suiteDir)) {
      List<Path> out =
          s.filter(p -> Files.isRegularFile(p.resolve("truth.json"))).sorted().toList();
      if (out.isEmpty() && Files.isRegularFile(suiteDir.resolve("truth.json"))) {
        return List.of(suiteDir);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException(suiteDir + ": no episode folders with a truth.json");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Evaluates every episode, reporting each result to {@code progress} as it completes. */
  public SuiteReport run(Path suiteDir, Consumer<EpisodeResult> progress) {
    List<EpisodeResult> results = new ArrayList<>();
    for (Path ep : episodes(suiteDir)) {
      EpisodeResult r = evaluate(ep);
      results.add(r);
      progress.accept(r);
    }
    return SuiteReport.of(results);
  }

  /**
   * What {@link Investigator#investigate(Path, String)} does, timed by phase: load the bundle into
   * an embedded store, then investigate it through a {@link TimedTelemetrySource}.
   */
  private Investigation investigate(Path dir, Map<String, Long> phases) {
    long t0 = System.nanoTime();
    DuckDbStore store = DuckDbStore.inMemory();
    TimedTelemetrySource source;
    try {
      store.ingest(dir, (file, done, total) -> {});
      source =
          new TimedTelemetrySource(
              WithheldTelemetrySource.of(new StoreTelemetrySource(store), withheld));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    phases.put("ingest", (System.nanoTime() - t0) / 1_000_000);
    try (source) {
      BundleManifest m = store.manifest();
      String id = m.name().isBlank() ? String.valueOf(dir.getFileName()) : m.name();
      Investigation inv =
          director.investigate(source, store.alert().orElse(null), m.window(), id, null);
      source.stats().forEach((k, v) -> phases.put("source." + k, v));
      return inv;
    }
  }

  /**
   * Investigates and scores one episode folder; an investigation failure is recorded, not thrown.
   */
  public EpisodeResult evaluate(Path episodeDir) {
    GroundTruth truth = GroundTruth.read(episodeDir);
    String name = String.valueOf(episodeDir.getFileName());
    long t0 = System.nanoTime();
    try {
      Map<String, Long> phases = new LinkedHashMap<>();
      Investigation inv = investigate(episodeDir, phases);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return result(name, truth, inv, ms, phases);
    } catch (RuntimeException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return EpisodeResult.failed(
          name,
          truth.control(),
          truth.rootCauseService(),
          truth.faultClass(),
          ms,
          String.valueOf(e),
          truth.topology(),
          truth.difficulty());
    }
  }

  /**
   * Generates a balanced suite in memory and evaluates it: seed {@code s} simulates system {@code s
   * mod systems}, and every tenth seed is a no-fault control; the others cycle through every fault.
   * The time measured is the store load and the investigation, not the generation.
   */
  public SuiteReport runGenerated(long fromSeed, long toSeed, Consumer<EpisodeResult> progress) {
    if (toSeed < fromSeed) {
      throw new IllegalArgumentException("seeds: " + toSeed + " < " + fromSeed);
    }
    List<String> systems = dev.warroom.gym.SystemCatalog.names();
    dev.warroom.gym.FaultType[] faults = dev.warroom.gym.FaultType.values();
    List<EpisodeResult> results = new ArrayList<>();
    for (long seed = fromSeed; seed <= toSeed; seed++) {
      var system =
          dev.warroom.gym.SystemCatalog.get(
              systems.get((int) Math.floorMod(seed, (long) systems.size())));
      boolean control = Math.floorMod(seed, 10L) == 0;
      int first = (int) Math.floorMod(seed * 7 + seed / 10, (long) faults.length);
      dev.warroom.gym.Episode ep = null;
      String failure = "";
      // Not every fault fits every system (no cache in the bank): take the next one that does.
      for (int k = 0; k < (control ? 1 : faults.length) && ep == null; k++) {
        dev.warroom.gym.Scenario sc =
            control
                ? dev.warroom.gym.Scenario.control(system)
                : dev.warroom.gym.Scenario.of(system, faults[(first + k) % faults.length]);
        try {
          ep = new dev.warroom.gym.Gym().reset(seed, sc);
        } catch (IllegalArgumentException e) {
          failure = String.valueOf(e);
        }
      }
      EpisodeResult r;
      if (ep == null) {
        r =
            EpisodeResult.failed(
                "seed-" + seed,
                control,
                null,
                null,
                0,
                "generation failed: " + failure,
                system.name(),
                "");
        results.add(r);
        progress.accept(r);
        continue;
      }
      String name = ep.id();
      long t0 = System.nanoTime();
      try {
        Investigation inv = investigator.investigate(ep.bundle(), ep.id(), null);
        r =
            result(
                name, ep.truth(), inv, (System.nanoTime() - t0) / 1_000_000, new LinkedHashMap<>());
      } catch (RuntimeException e) {
        r =
            EpisodeResult.failed(
                name,
                ep.truth().control(),
                ep.truth().rootCauseService(),
                ep.truth().faultClass(),
                (System.nanoTime() - t0) / 1_000_000,
                String.valueOf(e),
                ep.truth().topology(),
                ep.truth().difficulty());
      }
      results.add(r);
      progress.accept(r);
    }
    return SuiteReport.of(results);
  }

  static EpisodeResult result(
      String name, GroundTruth truth, Investigation inv, long ms, Map<String, Long> phases) {
    RcaReport report = inv.report();
    report.timingsMillis().forEach(phases::putIfAbsent);
    for (var s : inv.trace().steps()) {
      phases.merge("actor." + s.actor(), s.millis(), Long::sum);
    }
    Reward rw = Reward.score(truth, report);
    RootCauseCandidate top = report.verdict() == Verdict.NO_FAULT ? null : report.top();
    return new EpisodeResult(
        name,
        truth.control(),
        truth.rootCauseService(),
        truth.faultClass(),
        report.verdict(),
        top == null ? null : top.service(),
        top == null ? null : top.faultClass(),
        top == null ? 0 : top.confidence(),
        rw.top1(),
        rw.top3(),
        truth.control() ? report.verdict() == Verdict.NO_FAULT : rw.faultClassMatch(),
        rw.onsetErrorSeconds(),
        rw.blamedControl(),
        ms,
        "",
        truth.topology(),
        truth.difficulty(),
        report.candidates().stream()
            .limit(3)
            .map(c -> new EpisodeResult.Prediction(c.service(), c.faultClass(), c.confidence()))
            .toList(),
        phases);
  }
}
