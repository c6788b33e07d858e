package dev.warroom.connectors.prometheus;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.WarroomException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server on this machine holding given series: they are written as OpenMetrics
 * text, turned into TSDB blocks with {@code promtool tsdb create-blocks-from openmetrics} (the
 * backfill path of Prometheus), and a {@code prometheus} process is started on a free loopback port
 * over that data, with a retention long enough to keep samples of any age. Used by the connector
 * tests and the live-parity evaluation; {@link #close} stops the process.
 *
 * <p>The binaries are found on {@code PATH} (the Debian package {@code prometheus}; {@code
 * .ci/install-prometheus} installs it).
 */
public final class LocalPrometheus implements AutoCloseable {
  private final Process process;
  private final URI url;
  private final Path dir;
  private final int written;
  private final List<String> skipped;

  private final Thread reaper;

  private LocalPrometheus(Process process, URI url, Path dir, int written, List<String> skipped) {
    this.process = process;
    // a JVM that exits without close() (Ctrl-C) must not leave the server running
    this.reaper = new Thread(process::destroyForcibly, "stop-local-prometheus");
    Runtime.getRuntime().addShutdownHook(reaper);
    this.url = url;
    this.dir = dir;
    this.written = written;
    this.skipped = skipped;
  }

  /** Whether {@code prometheus} and {@code promtool} are on the PATH. */
  public static boolean available() {
    return onPath("prometheus") && onPath("promtool");
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Backfills {@code series} under {@code dir} (created if needed; it should be empty) and starts
   * Prometheus over them, waiting until it answers {@code /-/ready}.
   *
   * @throws WarroomException naming the step and its output when promtool or prometheus fails
   */
  public static LocalPrometheus start(List<MetricSeries> series, Path dir) {
    try {
      Files.createDirectories(dir);
      Path om = dir.resolve("metrics.om");
      Path data = dir.resolve("data");
      List<String> skipped = new ArrayList<>();
      int written = writeOpenMetrics(series, om, skipped);
      Files.createDirectories(data);
      if (written > 0) {
        run(
            dir.resolve("promtool.log"),
            "promtool",
            "tsdb",
            "create-blocks-from",
            "openmetrics",
            "--max-block-duration=24h",
            om.toString(),
            data.toString());
      }
      Files.delete(om);
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, "global:\n  evaluation_interval: 1h\nscrape_configs: []\n");
      int port = freePort();
      Path log = dir.resolve("prometheus.log");
      Process p =
          new ProcessBuilder(
                  "prometheus",
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + data,
                  "--storage.tsdb.retention.time=36500d",
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      URI url = URI.create("http://127.0.0.1:" + port);
      LocalPrometheus lp = new LocalPrometheus(p, url, dir, written, List.copyOf(skipped));
      try {
        lp.awaitReady(log);
      } catch (RuntimeException e) {
        lp.close();
        throw e;
      }
      return lp;
    } catch (IOException e) {
      throw new WarroomException.NonRetriable("cannot start a local Prometheus: " + e, e);
    }
  }

  /** The server's base URL ({@code http://127.0.0.1:PORT}). */
  public URI url() {
    return url;
  }

  /** How many series were backfilled. */
  public int seriesWritten() {
    return written;
  }

  /** Series that Prometheus cannot hold (a name or label with '.'), as their keys. */
  public List<String> skipped() {
    return skipped;
  }

  /** Whether the process is running. */
  public boolean running() {
    return process.isAlive();
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s); the data stays until {@link #close}. */
  public void stop() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
    deleteTree(dir.resolve("data"));
  }

  private void awaitReady(Path log) {
    HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new WarroomException.NonRetriable(
            "prometheus exited with " + process.exitValue() + ": " + tail(log), null);
      }
      try {
        HttpResponse<Void> r =
            c.send(
                HttpRequest.newBuilder(url.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WarroomException.Retriable("interrupted while prometheus started", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WarroomException.Retriable("interrupted while prometheus started", e);
      }
    }
    throw new WarroomException.Retriable(
        "prometheus did not become ready within 120 s: " + tail(log), null);
  }

  /**
   * Writes the series as OpenMetrics text: families not interleaved (sorted by name), each series'
   * samples in time order, no type metadata (every family "unknown"), timestamps in seconds, and
   * the closing {@code # EOF}.
   *
   * @return how many series were written
   */
  static int writeOpenMetrics(List<MetricSeries> series, Path out, List<String> skipped)
      throws IOException {
    List<MetricSeries> sorted = new ArrayList<>(series);
    sorted.sort(
        Comparator.comparing((MetricSeries m) -> m.key().name())
            .thenComparing(m -> m.key().toString()));
    int n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(256);
      for (MetricSeries m : sorted) {
        SeriesKey k = m.key();
        if (!storable(k)) {
          skipped.add(k.toString());
          continue;
        }
        if (m.size() == 0) {
          continue;
        }
        n++;
        String prefix = openMetricsKey(k);
        for (int i = 0; i < m.size(); i++) {
          line.setLength(0);
          line.append(prefix)
              .append(' ')
              .append(number(m.valueAt(i)))
              .append(' ')
              .append(PromQl.seconds(m.timestampAt(i)))
              .append('\n');
          w.append(line);
        }
      }
      w.write("# EOF\n");
    }
    return n;
  }

  private static boolean storable(SeriesKey k) {
    if (!PromQl.validMetricName(k.name())) {
      return false;
    }
    for (String l : k.labels().keySet()) {
      if (!l.matches("[a-zA-Z_][a-zA-Z0-9_]*") || l.startsWith("__")) {
        return false;
      }
    }
    return true;
  }

  private static String openMetricsKey(SeriesKey k) {
    if (k.labels().isEmpty()) {
      return k.name();
    }
    StringBuilder b = new StringBuilder(k.name()).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : k.labels().entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      b.append(e.getKey()).append("=\"");
      String v = e.getValue();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '\\' -> b.append("\\\\");
          case '"' -> b.append("\\\"");
          case '\n' -> b.append("\\n");
          default -> b.append(c);
        }
      }
      b.append('"');
    }
    return b.append('}').toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(v);
  }

  private static void run(Path log, String... cmd) throws IOException {
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new WarroomException.NonRetriable(cmd[0] + " took more than 10 minutes", null);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new WarroomException.Retriable("interrupted: " + cmd[0], e);
    }
    if (p.exitValue() != 0) {
      throw new WarroomException.NonRetriable(
          String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + tail(log), null);
    }
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.deleteIfExists(f);
                } catch (IOException e) {
                  // a leftover in a temp folder is harmless
                }
              });
    } catch (IOException e) {
      // as above
    }
  }
}
