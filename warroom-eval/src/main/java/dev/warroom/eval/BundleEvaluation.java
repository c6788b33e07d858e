package dev.warroom.eval;

import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.director.Investigator;
import dev.warroom.model.RcaReport;
import dev.warroom.model.RootCauseCandidate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Investigates every labelled bundle of a folder and records how each report ranked the true root
 * cause ({@code warroom eval bundles}). A bundle that fails to load or investigate counts as a miss
 * with its error; the run goes on.
 */
public final class BundleEvaluation {
  private BundleEvaluation() {}

  /** The outcome of a run: per-bundle results, and what could not be paired with a label. */
  public record Run(List<BundleOutcome> outcomes, List<String> unlabelled, List<String> missing) {
    public Run {
      outcomes = List.copyOf(outcomes);
      unlabelled = List.copyOf(unlabelled);
      missing = List.copyOf(missing);
    }
  }

  /**
   * Runs the investigations.
   *
   * @param dir the folder whose sub-folders are bundles
   * @param labels the truth, by bundle folder name
   * @param threads investigations run at once (1 gives the cleanest timings)
   * @param progress called after each bundle, from the worker thread
   */
  public static Run run(
      Path dir,
      Map<String, IncidentLabels.Label> labels,
      Investigator investigator,
      int threads,
      Consumer<BundleOutcome> progress) {
    Objects.requireNonNull(investigator, "investigator");
    if (threads < 1) {
      throw new IllegalArgumentException("threads < 1: " + threads);
    }
    List<Path> folders;
    try (Stream<Path> s = Files.list(dir)) {
      folders = s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
    List<String> unlabelled = new ArrayList<>();
    List<Path> todo = new ArrayList<>();
    for (Path f : folders) {
      if (labels.containsKey(f.getFileName().toString())) {
        todo.add(f);
      } else {
        unlabelled.add(f.getFileName().toString());
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : labels.keySet()) {
      if (!Files.isDirectory(dir.resolve(name))) {
        missing.add(name);
      }
    }
    List<BundleOutcome> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<BundleOutcome>> futures = new ArrayList<>();
      for (Path f : todo) {
        IncidentLabels.Label label = labels.get(f.getFileName().toString());
        futures.add(
            pool.submit(
                () -> {
                  BundleOutcome o = investigate(f, label, investigator);
                  progress.accept(o);
                  return o;
                }));
      }
      for (Future<BundleOutcome> fu : futures) {
        outcomes.add(fu.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Run(outcomes, unlabelled, missing);
  }

  static BundleOutcome investigate(
      Path bundle, IncidentLabels.Label label, Investigator investigator) {
    String name = bundle.getFileName().toString();
    long t0 = System.nanoTime();
    try {
      Investigation inv = investigator.investigate(bundle, null);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      RcaReport r = inv.report();
      List<String> ranked = new ArrayList<>();
      for (RootCauseCandidate c : r.candidates()) {
        if (!ranked.contains(c.service())) {
          ranked.add(c.service());
        }
      }
      double conf = r.candidates().isEmpty() ? 0 : r.candidates().get(0).confidence();
      return new BundleOutcome(name, label, r.verdict(), ranked, conf, ms, "");
    } catch (RuntimeException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return BundleOutcome.failed(name, label, ms, msg);
    }
  }
}
