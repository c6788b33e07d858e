package dev.warroom.gym;

import dev.warroom.model.Alert;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.RcaReport;
import dev.warroom.store.bundle.BundleWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One generated incident: its id, seed and scenario, the bundle (alert, telemetry, topology, code),
 * the ground truth, and the number of log lines each service wrote in the window. {@link
 * #reward(RcaReport)} scores an investigation of it; {@link #write(Path)} writes the bundle folder
 * with its {@code truth.json}.
 */
public record Episode(
    String id,
    long seed,
    Scenario scenario,
    IncidentBundle bundle,
    GroundTruth truth,
    Map<String, Integer> logLinesByService) {
  public Episode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(truth, "truth");
    logLinesByService = Map.copyOf(logLinesByService);
  }

  /** The alert that opened the incident. */
  public Alert alert() {
    return bundle.alert();
  }

  /** Scores a report against this episode's truth. */
  public Reward reward(RcaReport report) {
    return Reward.score(truth, report);
  }

  /**
   * Writes the bundle folder and its truth.json. The three big files (metrics, logs, spans) are
   * written concurrently; each file's bytes do not depend on the interleaving.
   */
  public void write(Path dir) {
    IncidentBundle b = bundle;
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<?> logs = pool.submit(() -> writeLogs(b.logs(), dir.resolve("logs/logs.jsonl")));
      Future<?> metrics =
          pool.submit(
              () -> WideCsv.write(b.metrics(), b.manifest().window().start().toEpochMilli(), dir));
      BundleWriter.write(
          new IncidentBundle(
              b.manifest(),
              b.alert(),
              List.of(),
              List.of(),
              b.spans(),
              b.events(),
              b.topology(),
              b.code(),
              b.databases()),
          dir);
      logs.get();
      metrics.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing " + dir, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
    truth.write(dir);
  }

  private static void writeLogs(List<LogRecord> logs, Path file) {
    if (logs.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        BundleWriter.writeLogs(logs, w);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
    }
  }
}
