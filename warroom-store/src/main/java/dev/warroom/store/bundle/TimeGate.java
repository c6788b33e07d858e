package dev.warroom.store.bundle;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Drops records whose clock is far outside the time span of the rest of the bundle (a field left at
 * zero, a host whose clock is years off), and counts what it passes on.
 *
 * <p>The rule comes from the bundle's own timestamps, not from a fixed date: with {@code q25} and
 * {@code q75} the quartiles of all timestamps read (logs, spans, events, metric samples), a record
 * is kept when it lies within {@code [q25 - pad, q75 + pad]}, {@code pad = max(10 × (q75 - q25), 30
 * days)}. Quartiles stay put while up to a quarter of the records are wrong; the 30-day floor keeps
 * a week of baseline history beside a 30-minute incident, and a clock a year off is always out. The
 * quartiles are estimated from a uniform reservoir sample (Vitter's algorithm R, seeded, so a
 * bundle always reads the same way).
 *
 * <p>Records are streamed, so the final span is only known at the end: the first {@value #WARM_UP}
 * timed records are held until a provisional span exists; later records outside the provisional
 * span are held as suspects; at {@link #finish} held records are judged by the final span. Metric
 * samples are judged in {@link MetricBuffers} with the final span.
 */
final class TimeGate implements TelemetrySink {
  static final int WARM_UP = 4096;
  private static final int SAMPLE = 8192;
  private static final int MAX_SUSPECTS = 50_000;
  static final Duration MIN_PAD = Duration.ofDays(30);
  static final String REASON = "clock far outside the bundle's time span";

  private final TelemetrySink sink;
  private final Problems problems;
  private final ReadContext ctx;
  private final long[] sample = new long[SAMPLE];
  private long seen;
  private final SplittableRandom random = new SplittableRandom(0x5EEDL);
  private List<Held> held = new ArrayList<>();
  private boolean warm;
  private long lo = Long.MIN_VALUE;
  private long hi = Long.MAX_VALUE;
  private long recordIndex;
  private String indexFile = "";

  private record Held(long ms, String file, String where, Consumer<TelemetrySink> emit) {}

  TimeGate(TelemetrySink sink, Problems problems, ReadContext ctx) {
    this.sink = sink;
    this.problems = problems;
    this.ctx = ctx;
  }

  /** Adds a timestamp to the sample the span is estimated from. */
  void observe(long ms) {
    if (seen < SAMPLE) {
      sample[(int) seen] = ms;
    } else {
      long j = random.nextLong(seen + 1);
      if (j < SAMPLE) {
        sample[(int) j] = ms;
      }
    }
    seen++;
  }

  private void offer(long ms, Consumer<TelemetrySink> emit) {
    observe(ms);
    String file = ctx.file;
    if (!file.equals(indexFile)) {
      indexFile = file;
      recordIndex = 0;
    }
    recordIndex++;
    if (warm && ms >= lo && ms <= hi) {
      emit.accept(sink);
      problems.record();
      return;
    }
    held.add(new Held(ms, file, ctx.where(recordIndex), emit));
    if (!warm && held.size() >= WARM_UP) {
      warm = true;
      judge(false);
    } else if (warm && held.size() >= MAX_SUSPECTS) {
      judge(false); // the provisional span was too narrow: widen it with what was seen since
    }
  }

  /** Sets the span from the sample and releases held records inside it; drops the rest if final. */
  private void judge(boolean last) {
    long[] s = Arrays.copyOf(sample, (int) Math.min(seen, SAMPLE));
    if (s.length == 0) {
      return;
    }
    Arrays.sort(s);
    long q25 = s[(int) ((s.length - 1) * 0.25)];
    long q75 = s[(int) ((s.length - 1) * 0.75)];
    long pad = Math.max((q75 - q25) * 10, MIN_PAD.toMillis()); // ms; timestamps are < 2262
    lo = q25 - pad;
    hi = q75 + pad;
    List<Held> still = new ArrayList<>();
    for (Held h : held) {
      if (h.ms >= lo && h.ms <= hi) {
        h.emit.accept(sink);
        problems.tally(h.file).records++;
      } else if (last) {
        problems.skip(
            h.file,
            REASON,
            1,
            h.where
                + ": timestamp "
                + Instant.ofEpochMilli(h.ms)
                + " is outside the bundle's time span ("
                + Instant.ofEpochMilli(lo)
                + " .. "
                + Instant.ofEpochMilli(hi)
                + ")");
      } else {
        still.add(h);
      }
    }
    held = still;
  }

  /** Judges every held record by the final span; returns it as {@code [lo, hi]} epoch ms. */
  long[] finish() {
    warm = true;
    judge(true);
    held = new ArrayList<>();
    return new long[] {lo, hi};
  }

  @Override
  public void manifest(BundleManifest m) {
    sink.manifest(m);
  }

  @Override
  public void alert(Alert a) {
    sink.alert(a);
  }

  @Override
  public void series(MetricSeries s) {
    sink.series(s);
  }

  private String orderFile = "";
  private long lastLogMs = Long.MIN_VALUE;

  @Override
  public void log(LogRecord r) {
    long ms = r.timestamp().toEpochMilli();
    if (ctx.lineNo() > 0) { // a log file read line by line: time going backwards is worth a note
      if (!ctx.file.equals(orderFile)) {
        orderFile = ctx.file;
        lastLogMs = Long.MIN_VALUE;
      }
      if (ms < lastLogMs) { // a step back from the previous line (files merged per pod: a few)
        problems.note(ctx.file, "time going backwards (kept)", 1, null);
      }
      lastLogMs = ms;
    }
    offer(ms, k -> k.log(r));
  }

  @Override
  public void span(Span s) {
    offer(s.start().toEpochMilli(), k -> k.span(s));
  }

  @Override
  public void event(Event e) {
    offer(e.time().toEpochMilli(), k -> k.event(e));
  }

  @Override
  public void topology(Topology t) {
    sink.topology(t);
  }

  @Override
  public void code(SourceFile f) {
    sink.code(f);
  }

  @Override
  public void database(dev.warroom.model.DatabaseStats d) {
    sink.database(d);
  }
}
