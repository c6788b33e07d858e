package dev.warroom.store.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** State shared by the format readers while one bundle is read. */
final class ReadContext {
  /** Longest accepted line of a line-oriented file, in bytes. */
  static final int MAX_LINE = 1 << 20;

  final Path root;
  final Timestamps ts;
  final Problems problems;

  /**
   * Where readers put records: counts them per file and drops clocks far off ({@link TimeGate}).
   */
  final TelemetrySink sink;

  final TimeGate gate;
  final MetricBuffers metrics;
  final Counter counter;

  /** The file being read, relative to the bundle. */
  String file = "";

  private LineReader lines;

  ReadContext(Path root, Timestamps ts, Problems problems, TelemetrySink sink, Counter counter) {
    this.root = root;
    this.ts = ts;
    this.problems = problems;
    this.gate = new TimeGate(sink, problems, this);
    this.sink = gate;
    this.metrics = new MetricBuffers(problems, this);
    this.counter = counter;
  }

  /** Starts reading file {@code rel}. */
  void startFile(String rel) {
    file = rel;
    lines = null;
    counter.file = rel;
    problems.file(rel);
  }

  LineReader lines(Path file) throws IOException {
    lines = new LineReader(Files.newInputStream(file), MAX_LINE, counter);
    return lines;
  }

  /** The line being read of a line-oriented file, else 0. */
  long lineNo() {
    return lines == null ? 0 : lines.lineNo;
  }

  /** Where the current record is: {@code path:line}, or {@code path: record N} in a document. */
  String where(long recordIndex) {
    return lines != null ? file + ":" + lines.lineNo : file + ": record " + recordIndex;
  }

  InputStream stream(Path file) throws IOException {
    return new CountingStream(Files.newInputStream(file), counter);
  }

  /** Counts bytes read across the bundle and reports progress every 256 KiB. */
  static final class Counter {
    private final ProgressListener listener;
    private final long total;
    private long done;
    private long lastReport;
    String file = "";

    Counter(ProgressListener listener, long total) {
      this.listener = listener;
      this.total = total;
    }

    void add(long n) {
      done += n;
      if (done - lastReport >= 256 * 1024) {
        lastReport = done;
        listener.progress(file, done, total);
      }
    }

    void finish() {
      listener.progress(file, total, total);
    }
  }

  private static final class CountingStream extends java.io.FilterInputStream {
    private final Counter counter;

    CountingStream(InputStream in, Counter counter) {
      super(new java.io.BufferedInputStream(in, 1 << 16));
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counter.add(n);
      }
      return n;
    }
  }
}
