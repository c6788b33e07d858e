package dev.warroom.connectors;

import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Span;
import dev.warroom.store.bundle.BundleWriter;
import dev.warroom.store.bundle.JsonText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real OpenSearch and Zipkin servers for tests, started on free ports and stopped by {@link
 * AutoCloseable#close}, and loaders that put an {@link IncidentBundle}'s logs and spans into them.
 * The servers are those {@code .ci/install-opensearch-zipkin} installs (OpenSearch in {@code
 * /opt/opensearch}, or {@code WARROOM_OPENSEARCH_HOME}; Zipkin's exec jar at {@code
 * /opt/zipkin/zipkin-server.jar}, or {@code WARROOM_ZIPKIN_JAR}). When they are absent a test is
 * skipped with a message, except under {@code CI=true}, where that is a failure. Start one per test
 * class ({@code @BeforeAll}): each takes 5 to 20 s to come up.
 *
 * <pre>{@code
 * static LiveBackends.OpenSearch os;
 * @BeforeAll static void up() { os = LiveBackends.openSearch(); os.loadLogs("logs-x", bundle.logs()); }
 * @AfterAll static void down() { os.close(); }
 * ... new OpenSearchStore(os.source("logs", "logs-x")) ...
 * }</pre>
 */
public final class LiveBackends {
  /** How long a server may take to answer after it was started. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private LiveBackends() {}

  /** Starts OpenSearch (single node, no security plugin, 512 MiB heap) and waits for it. */
  public static OpenSearch openSearch() {
    Path home = Path.of(System.getenv().getOrDefault("WARROOM_OPENSEARCH_HOME", "/opt/opensearch"));
    requireInstalled(home.resolve("bin/opensearch"), "OpenSearch");
    try {
      return OpenSearch.start(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a Zipkin server (in-memory storage) and waits for it. */
  public static Zipkin zipkin() {
    Path jar =
        Path.of(
            System.getenv().getOrDefault("WARROOM_ZIPKIN_JAR", "/opt/zipkin/zipkin-server.jar"));
    requireInstalled(jar, "Zipkin");
    try {
      return Zipkin.start(jar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireInstalled(Path p, String what) {
    if (Files.exists(p)) {
      return;
    }
    String msg =
        what + " is not installed at " + p + " (run .ci/install-opensearch-zipkin as root)";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(msg);
    }
    // surefire does not print why a class was aborted in @BeforeAll: say it here too
    System.err.println("skipped: " + msg);
    Assumptions.abort(msg);
  }

  /** A running OpenSearch node. */
  public static final class OpenSearch implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final URI url;

    private OpenSearch(Path dir, Process process, URI url) {
      this.dir = dir;
      this.process = process;
      this.url = url;
    }

    static OpenSearch start(Path home) throws IOException {
      int http = freePort();
      int transport = freePort();
      Path dir = Files.createTempDirectory("warroom-opensearch");
      Path conf = dir.resolve("config");
      copyTree(home.resolve("config"), conf);
      // The stock options log GC and heap dumps relative to the install (read-only here) and ask
      // for 1 GiB; the machine is shared.
      List<String> options = new ArrayList<>();
      for (String line : Files.readAllLines(home.resolve("config/jvm.options"))) {
        if (!line.matches(".*(gc\\.log|^-Xm[sx].*|HeapDumpPath|ErrorFile).*")) {
          options.add(line);
        }
      }
      options.add("-Xms512m");
      options.add("-Xmx512m");
      Files.write(conf.resolve("jvm.options"), options);
      Files.createDirectories(dir.resolve("data"));
      Files.createDirectories(dir.resolve("logs"));
      boolean root = "root".equals(System.getProperty("user.name"));
      List<String> cmd = new ArrayList<>();
      if (root) {
        // OpenSearch refuses to run as root: run it as the user the install script created.
        UserPrincipal user =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("warroom-os");
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path p : (Iterable<Path>) all::iterator) {
            Files.setOwner(p, user);
          }
        }
        cmd.addAll(List.of("runuser", "-u", "warroom-os", "--"));
      }
      Path jdk = home.resolve("jdk");
      cmd.addAll(
          List.of(
              "env",
              "OPENSEARCH_PATH_CONF=" + conf,
              "OPENSEARCH_JAVA_HOME="
                  + (Files.exists(jdk) ? jdk : Path.of(System.getProperty("java.home"))),
              home.resolve("bin/opensearch").toString(),
              "-E",
              "discovery.type=single-node",
              "-E",
              "network.host=127.0.0.1",
              "-E",
              "http.port=" + http,
              "-E",
              "transport.port=" + transport,
              "-E",
              "path.data=" + dir.resolve("data"),
              "-E",
              "path.logs=" + dir.resolve("logs"),
              "-E",
              "cluster.routing.allocation.disk.threshold_enabled=false",
              "-p",
              dir.resolve("opensearch.pid").toString()));
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("console.log").toFile())
              .start();
      OpenSearch os = new OpenSearch(dir, p, URI.create("http://127.0.0.1:" + http));
      Runtime.getRuntime().addShutdownHook(new Thread(os::close));
      os.await();
      return os;
    }

    private void await() {
      awaitReady(
          url.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"),
          process,
          dir.resolve("console.log"),
          "OpenSearch",
          this::close);
    }

    public URI url() {
      return url;
    }

    /** An {@code opensearch} source for {@code index} (OpenTelemetry field names). */
    public SourceConfig source(String name, String index) {
      return new SourceConfig(
          name,
          SourceConfig.Type.OPENSEARCH,
          url,
          null,
          null,
          Duration.ofSeconds(10),
          1000,
          10_000,
          0,
          null,
          Map.of("index", index));
    }

    /**
     * Creates {@code index} (one shard, no replica; strings as keywords, {@code @timestamp} as
     * date_nanos) and loads the records as OpenTelemetry-style documents ({@code @timestamp},
     * {@code resource.service.name}, {@code severity_text}, {@code body}, {@code attributes},
     * {@code trace_id}, {@code span_id}), in order, then refreshes it.
     */
    public void loadLogs(String index, List<LogRecord> logs) {
      createIndex(index, "date_nanos", false);
      List<String> docs = new ArrayList<>(logs.size());
      for (LogRecord r : logs) {
        docs.add(document(r));
      }
      loadDocuments(index, docs);
    }

    /**
     * Creates {@code index} like {@link #loadLogs} but with a {@code date} timestamp that ignores
     * malformed values, so that documents with an unparsable timestamp are stored too.
     */
    public void createLenientIndex(String index) {
      createIndex(index, "date", true);
    }

    /** Bulk-loads raw JSON documents (one per element) into {@code index}, then refreshes it. */
    public void loadDocuments(String index, List<String> docs) {
      String action =
          "{\"index\":{\"_index\":" + JsonText.quote(new StringBuilder(), index) + "}}\n";
      for (int from = 0; from < docs.size(); from += 5000) {
        StringBuilder nd = new StringBuilder();
        for (String d : docs.subList(from, Math.min(docs.size(), from + 5000))) {
          nd.append(action).append(d).append('\n');
        }
        String r = send("POST", "/_bulk", nd.toString(), "application/x-ndjson");
        if (r.contains("\"errors\":true")) {
          throw new IllegalStateException(
              "bulk load into " + index + " failed: " + r.substring(0, Math.min(r.length(), 2000)));
        }
      }
      send("POST", "/" + index + "/_refresh", "", "application/json");
    }

    /** Sends a request as-is and returns the answer body (2xx only). */
    public String send(String method, String path, String body, String contentType) {
      return LiveBackends.send(url, method, path, body, contentType);
    }

    private void createIndex(String index, String timestampType, boolean lenient) {
      String mapping =
          "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},"
              + "\"mappings\":{\"dynamic_templates\":[{\"strings\":{\"match_mapping_type\":\"string\","
              + "\"mapping\":{\"type\":\"keyword\",\"ignore_above\":8191}}}],"
              + "\"properties\":{\"@timestamp\":{\"type\":\""
              + timestampType
              + "\""
              + (lenient ? ",\"ignore_malformed\":true" : "")
              + "},\"body\":{\"type\":\"keyword\",\"ignore_above\":8191,"
              + "\"fields\":{\"text\":{\"type\":\"text\"}}}}}}";
      send("PUT", "/" + index, mapping, "application/json");
    }

    /** One record as an OpenTelemetry-style document. */
    public static String document(LogRecord r) {
      StringBuilder sb = new StringBuilder(256);
      sb.append("{\"@timestamp\":\"")
          .append(r.timestamp())
          .append("\",\"resource\":{\"service\":{\"name\":");
      JsonText.quote(sb, r.service())
          .append("}},\"severity_text\":\"")
          .append(r.severity())
          .append("\",\"body\":");
      JsonText.quote(sb, r.body());
      if (!r.attributes().isEmpty()) {
        sb.append(",\"attributes\":{");
        boolean first = true;
        for (var e : new TreeMap<>(r.attributes()).entrySet()) {
          sb.append(first ? "" : ",");
          first = false;
          JsonText.quote(sb, e.getKey()).append(':');
          JsonText.quote(sb, e.getValue());
        }
        sb.append('}');
      }
      if (r.traceId() != null) {
        sb.append(",\"trace_id\":\"").append(r.traceId()).append('"');
      }
      if (r.spanId() != null) {
        sb.append(",\"span_id\":\"").append(r.spanId()).append('"');
      }
      return sb.append('}').toString();
    }

    /** Stops the node (SIGTERM, then SIGKILL after 20 s) and deletes its data. */
    @Override
    public synchronized void close() {
      try {
        Path pid = dir.resolve("opensearch.pid");
        if (Files.exists(pid)) {
          long id = Long.parseLong(Files.readString(pid).strip());
          ProcessHandle.of(id).ifPresent(h -> stop(h));
        }
      } catch (IOException | NumberFormatException e) {
        // no pid file: the process below is all there is
      }
      stop(process.toHandle());
      deleteTree(dir);
    }
  }

  /** A running Zipkin server with in-memory storage. */
  public static final class Zipkin implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final URI url;

    private Zipkin(Path dir, Process process, URI url) {
      this.dir = dir;
      this.process = process;
      this.url = url;
    }

    static Zipkin start(Path jar) throws IOException {
      int port = freePort();
      Path dir = Files.createTempDirectory("warroom-zipkin");
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-XX:TieredStopAtLevel=1",
                  "-jar",
                  jar.toString(),
                  "--server.port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("console.log").toFile())
              .start();
      Zipkin z = new Zipkin(dir, p, URI.create("http://127.0.0.1:" + port));
      Runtime.getRuntime().addShutdownHook(new Thread(z::close));
      awaitReady(z.url.resolve("/health"), p, dir.resolve("console.log"), "Zipkin", z::close);
      return z;
    }

    public URI url() {
      return url;
    }

    /** A {@code zipkin} source for this server. */
    public SourceConfig source(String name) {
      return new SourceConfig(
          name,
          SourceConfig.Type.ZIPKIN,
          url,
          null,
          null,
          Duration.ofSeconds(10),
          1000,
          10_000,
          0,
          null,
          Map.of());
    }

    /**
     * Posts the spans as Zipkin v2 JSON ({@link BundleWriter#writeSpans}, the bundle format) to
     * {@code /api/v2/spans}, 2000 per request, and waits until the last trace posted is readable.
     */
    public void loadSpans(List<Span> spans) {
      for (int from = 0; from < spans.size(); from += 2000) {
        List<Span> part = spans.subList(from, Math.min(spans.size(), from + 2000));
        StringWriter w = new StringWriter();
        try {
          BundleWriter.writeSpans(part, w);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        send(url, "POST", "/api/v2/spans", w.toString(), "application/json");
      }
      if (spans.isEmpty()) {
        return;
      }
      Span last = spans.get(spans.size() - 1);
      long expected = spans.stream().filter(s -> s.traceId().equals(last.traceId())).count();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          String t = send(url, "GET", "/api/v2/trace/" + last.traceId(), null, null);
          if (t.split("\"id\"").length - 1 >= expected) {
            return;
          }
        } catch (IllegalStateException e) {
          // 404 until the collector has stored it
        }
        sleep(100);
      }
      throw new IllegalStateException(
          "Zipkin did not store trace " + last.traceId() + " within 30 s");
    }

    /** Stops the server. */
    @Override
    public synchronized void close() {
      stop(process.toHandle());
      deleteTree(dir);
    }
  }

  /** Loads a bundle's logs into OpenSearch ({@code index}) and its spans into Zipkin. */
  public static void load(IncidentBundle bundle, OpenSearch os, String index, Zipkin zipkin) {
    if (os != null) {
      os.loadLogs(index, bundle.logs());
    }
    if (zipkin != null) {
      zipkin.loadSpans(bundle.spans());
    }
  }

  /** POSTs a JSON body to a backend and returns the answer (2xx only). */
  public static String post(URI base, String path, String json) {
    return send(base, "POST", path, json, "application/json");
  }

  static String send(URI base, String method, String path, String body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + ": HTTP " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void awaitReady(URI probe, Process p, Path console, String what, Runnable stop) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        String out = tail(console);
        stop.run();
        throw new IllegalStateException(what + " exited with " + p.exitValue() + ":\n" + out);
      }
      try {
        HttpResponse<Void> r =
            CLIENT.send(
                HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(250);
    }
    String out = tail(console);
    stop.run();
    throw new IllegalStateException(what + " did not answer within " + READY_TIMEOUT + ":\n" + out);
  }

  private static String tail(Path f) {
    try {
      List<String> lines = Files.readAllLines(f);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no console output)";
    }
  }

  private static void stop(ProcessHandle h) {
    if (!h.isAlive()) {
      return;
    }
    h.destroy();
    try {
      h.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      h.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
