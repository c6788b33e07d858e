package dev.warroom.server;

import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.report.HtmlReport;
import dev.warroom.engine.report.JsonReport;
import dev.warroom.engine.report.MarkdownReport;
import dev.warroom.model.Alert;
import dev.warroom.model.RcaReport;
import dev.warroom.store.bundle.AlertParser;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs investigations on a fixed number of workers with a bounded waiting line. The database is the
 * source of truth: an incident is {@code QUEUED} before it is handed here, so one that was waiting
 * or running when the process died is queued again by {@link #recover()} at start.
 */
public final class InvestigationQueue implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(InvestigationQueue.class);

  private final IncidentRepository repo;
  private final SharedStore store;
  private final Director director;
  private final InstantSource clock;
  private final ThreadPoolExecutor pool;
  private final Consumer<Incident> onFinished;
  final AtomicLong completed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong nanosTotal = new AtomicLong();
  final AtomicInteger running = new AtomicInteger();

  InvestigationQueue(
      IncidentRepository repo,
      SharedStore store,
      Director director,
      InstantSource clock,
      int workers,
      int capacity,
      Consumer<Incident> onFinished) {
    this.repo = repo;
    this.store = store;
    this.director = director;
    this.clock = clock;
    this.onFinished = onFinished;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(capacity),
            r -> {
              Thread t = new Thread(r, "warroom-investigator-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Hands a queued incident to a worker; false when the waiting line is full. */
  boolean submit(String incidentId) {
    try {
      pool.execute(() -> run(incidentId));
      return true;
    } catch (RejectedExecutionException e) {
      rejected.incrementAndGet();
      return false;
    }
  }

  /** Re-queues what a previous process left queued or running; returns how many. */
  int recover() {
    int n = 0;
    for (IncidentState s : new IncidentState[] {IncidentState.RUNNING, IncidentState.QUEUED}) {
      for (Incident i : repo.inState(s)) {
        repo.setState(i.id(), IncidentState.QUEUED, null, clock.instant());
        if (submit(i.id())) {
          n++;
        }
      }
    }
    return n;
  }

  int waiting() {
    return pool.getQueue().size();
  }

  private void run(String id) {
    Incident inc = repo.get(id).orElse(null);
    if (inc == null || inc.state() == IncidentState.DONE) {
      return;
    }
    long t0 = System.nanoTime();
    running.incrementAndGet();
    repo.setState(id, IncidentState.RUNNING, null, clock.instant());
    try {
      Alert alert =
          AlertParser.parse(inc.alertJson().getBytes(StandardCharsets.UTF_8), "incident " + id);
      Investigation inv =
          director.investigate(
              new StoreTelemetrySource(store.forAlert(alert)), alert, null, id, null);
      RcaReport r = inv.report();
      repo.complete(
          id,
          r.verdict().name().toLowerCase(Locale.ROOT),
          r.summary(),
          MarkdownReport.render(r),
          JsonReport.render(r),
          HtmlReport.render(r),
          r.runbook(),
          clock.instant());
      completed.incrementAndGet();
    } catch (RuntimeException e) {
      if (pool.isShutdown()) {
        // interrupted by close(): left RUNNING, so the next start investigates it again
        logger.info("investigation of incident {} stopped by shutdown", id);
        return;
      }
      logger.warn("investigation of incident {} failed", id, e);
      repo.setState(id, IncidentState.FAILED, String.valueOf(e.getMessage()), clock.instant());
      failed.incrementAndGet();
    } finally {
      running.decrementAndGet();
      nanosTotal.addAndGet(System.nanoTime() - t0);
    }
    repo.get(id).ifPresent(onFinished);
  }

  /** Stops taking work and waits briefly for running investigations; queued ones stay QUEUED. */
  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
