package dev.warroom.server;

import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.report.HtmlReport;
import dev.warroom.engine.report.JsonReport;
import dev.warroom.engine.report.MarkdownReport;
import dev.warroom.model.Alert;
import dev.warroom.model.RcaReport;
import dev.warroom.model.WarroomException;
import dev.warroom.store.bundle.AlertParser;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers that take incidents from the incident database, which is the queue: each claims the
 * oldest waiting incident under a lease ({@link IncidentRepository#claim}), renews the lease while
 * it investigates (a heartbeat every third of the lease), and stores the report only if it still
 * holds the lease. Several processes sharing one PostgreSQL take incidents with {@code FOR UPDATE
 * SKIP LOCKED}; an incident whose worker died is taken again when its lease expires, and parked as
 * poison after {@link ServerConfig.Leases#maxAttempts()} claims. So every incident is completed,
 * and announced, exactly once.
 */
public final class InvestigationQueue implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(InvestigationQueue.class);

  private final IncidentRepository repo;
  private final SharedStore store;
  private final Director director;
  private final InstantSource clock;
  private final ServerConfig.Leases leases;
  private final Consumer<Incident> onFinished;
  private final String owner = "worker-" + UUID.randomUUID();
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "warroom-lease-heartbeat");
            t.setDaemon(true);
            return t;
          });
  private final Object wake = new Object();
  private volatile boolean closed;
  final AtomicLong completed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong lost = new AtomicLong();
  final AtomicLong nanosTotal = new AtomicLong();
  final AtomicInteger running = new AtomicInteger();

  InvestigationQueue(
      IncidentRepository repo,
      SharedStore store,
      Director director,
      InstantSource clock,
      int workers,
      ServerConfig.Leases leases,
      Consumer<Incident> onFinished) {
    this.repo = repo;
    this.store = store;
    this.director = director;
    this.clock = clock;
    this.leases = leases;
    this.onFinished = onFinished;
    for (int i = 1; i <= workers; i++) {
      Thread t = new Thread(this::work, "warroom-investigator-" + i);
      t.setDaemon(true);
      this.workers.add(t);
    }
  }

  /**
   * Starts the workers and the heartbeat. With the embedded database (one process) incidents left
   * RUNNING by a killed process are handed back at once; with a shared PostgreSQL they are taken
   * when their lease expires, since their worker may be alive in another process. Returns how many
   * incidents wait.
   */
  int start() {
    if (!repo.shared()) {
      repo.releaseAll(clock.instant());
    }
    long period = Math.max(10, leases.lease().toMillis() / 3);
    heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    workers.forEach(Thread::start);
    return (int) repo.queued();
  }

  /** Tells idle workers that an incident was queued (others poll). */
  void wakeUp() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  int waiting() {
    return (int) repo.queued();
  }

  /** This process's lease owner name. */
  String owner() {
    return owner;
  }

  private void beat() {
    try {
      repo.heartbeat(owner, clock.instant().plus(leases.lease()));
    } catch (RuntimeException e) {
      // The database is unreachable: the leases run out and other workers take over.
      logger.warn("lease heartbeat of {} failed", owner, e);
    }
  }

  private void work() {
    while (!closed) {
      Optional<IncidentRepository.Claim> c;
      try {
        c = repo.claim(owner, clock.instant(), leases.lease(), leases.maxAttempts());
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        logger.warn("claiming an incident failed; retrying", e);
        c = Optional.empty();
      }
      if (c.isPresent()) {
        run(c.get());
        continue;
      }
      synchronized (wake) {
        try {
          wake.wait(leases.poll().toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void run(IncidentRepository.Claim claim) {
    String id = claim.id();
    Incident inc = repo.get(id).orElse(null);
    if (inc == null) {
      return;
    }
    long t0 = System.nanoTime();
    running.incrementAndGet();
    boolean finished;
    try {
      Alert alert =
          AlertParser.parse(inc.alertJson().getBytes(StandardCharsets.UTF_8), "incident " + id);
      SharedStore.Declared declared = SharedStore.Declared.parse(repo.declared(id).orElse(null));
      Investigation inv =
          director.investigate(
              new StoreTelemetrySource(store.forAlert(alert, declared)),
              alert,
              declared.window(),
              declared.baseline(),
              id,
              null);
      RcaReport r = inv.report();
      finished =
          repo.complete(
              id,
              owner,
              r.verdict().name().toLowerCase(Locale.ROOT),
              r.summary(),
              Headline.of(r),
              MarkdownReport.render(r),
              JsonReport.render(r),
              HtmlReport.render(r),
              r.runbook(),
              clock.instant());
      if (finished) {
        completed.incrementAndGet();
      }
    } catch (RuntimeException e) {
      finished = failed(id, e);
    } finally {
      running.decrementAndGet();
      nanosTotal.addAndGet(System.nanoTime() - t0);
    }
    if (finished) {
      repo.get(id).ifPresent(onFinished);
    } else {
      lost.incrementAndGet();
    }
  }

  /** Records a failure; true when this worker finished the incident (FAILED). */
  private boolean failed(String id, RuntimeException e) {
    if (closed) {
      // interrupted by close(): handed back so that a worker, here or elsewhere, takes it
      logger.info("investigation of incident {} stopped by shutdown", id);
      repo.release(id, owner, clock.instant());
      return false;
    }
    if (e instanceof WarroomException.Retriable) {
      logger.warn("investigation of incident {} failed, will retry", id, e);
      repo.release(id, owner, clock.instant());
      return false;
    }
    logger.warn("investigation of incident {} failed", id, e);
    boolean held = repo.fail(id, owner, String.valueOf(e.getMessage()), clock.instant());
    if (held) {
      failed.incrementAndGet();
    }
    return held;
  }

  /** Stops taking work and waits briefly for running investigations; they are handed back. */
  @Override
  public void close() {
    closed = true;
    heartbeat.shutdownNow();
    workers.forEach(Thread::interrupt);
    for (Thread t : workers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
