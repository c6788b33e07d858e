package dev.warroom.server;

import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of the telemetry store ({@code retentionHours} in the server config): every tenth of
 * the retention (at least a second, at most ten minutes) the telemetry older than the retention is
 * dropped, so a server fed by OTLP for months holds a bounded store instead of growing until the
 * disk fills. Incidents and their reports are kept; only raw telemetry ages out.
 */
final class TelemetryRetention implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(TelemetryRetention.class);

  private final DuckDbStore store;
  private final Duration keep;
  private final InstantSource clock;
  private final ScheduledExecutorService timer;
  final AtomicLong rowsDropped = new AtomicLong();

  TelemetryRetention(DuckDbStore store, Duration keep, InstantSource clock) {
    this.store = store;
    this.keep = keep;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "warroom-retention");
              t.setDaemon(true);
              return t;
            });
  }

  /** How often the sweep runs for a retention of {@code keep}. */
  static Duration period(Duration keep) {
    Duration p = keep.dividedBy(10);
    if (p.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return p.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : p;
  }

  void start() {
    long ms = period(keep).toMillis();
    timer.scheduleWithFixedDelay(this::sweepLogged, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Drops what is older than the retention now; returns what was dropped. */
  DuckDbStore.Deleted sweep() {
    DuckDbStore.Deleted d = store.deleteBefore(clock.instant().minus(keep));
    rowsDropped.addAndGet(d.total());
    return d;
  }

  private void sweepLogged() {
    try {
      DuckDbStore.Deleted d = sweep();
      if (d.total() > 0) {
        logger.info("retention dropped telemetry older than {}: {}", keep, d);
      }
    } catch (RuntimeException e) {
      // the next sweep tries again; a store that stays broken fails investigations visibly
      logger.warn("retention sweep failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
