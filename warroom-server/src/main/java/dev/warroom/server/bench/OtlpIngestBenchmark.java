package dev.warroom.server.bench;

import dev.warroom.engine.director.Director;
import dev.warroom.server.Role;
import dev.warroom.server.ServerConfig;
import dev.warroom.server.WarroomServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark: OTLP/HTTP protobuf log ingest over loopback into the server's DuckDB store, one client
 * connection, batches of B records (the SDK's BatchLogRecordProcessor default export size is 512;
 * collectors send larger), encoded before the clock starts. A warm-up round is run first and not
 * counted. Prints records/s per round and the median.
 *
 * <pre>
 * java -cp ... dev.warroom.server.bench.OtlpIngestBenchmark [batch=5000] [batches=40] [rounds=3]
 *     [connections=1]
 * </pre>
 *
 * <p>With several connections the batches are shared out among that many client threads, as a
 * collector's exporter does with its {@code sending_queue.num_consumers} (default 10): the server
 * then decodes one batch while the store appends another.
 */
public final class OtlpIngestBenchmark {
  private static final String TOKEN = "bench-token-0001";

  private OtlpIngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int connections = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    // The client's protobuf encoding is not the receiver's work: encode every batch up front.
    byte[][] bodies = new byte[batches][];
    for (int b = 0; b < batches; b++) {
      bodies[b] = request(b, batch).toByteArray();
    }
    double[] rates = new double[rounds];
    // round 0 warms the JIT up and is not counted
    for (int r = -1; r < rounds; r++) {
      ServerConfig c =
          new ServerConfig(
              0,
              Files.createTempDirectory("warroom-otlp-bench"),
              1,
              10,
              Map.of(TOKEN, Role.ADMIN),
              null,
              null);
      try (WarroomServer s = WarroomServer.start(c, Director.standard(), InstantSource.system())) {
        URI uri = URI.create("http://localhost:" + s.port() + "/v1/logs");
        long t0 = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(connections)) {
          List<Future<?>> done = new ArrayList<>();
          for (int k = 0; k < connections; k++) {
            int first = k;
            done.add(
                clients.submit(
                    () -> {
                      HttpClient http = HttpClient.newHttpClient();
                      for (int b = first; b < batches; b += connections) {
                        export(http, uri, bodies[b]);
                      }
                      return null;
                    }));
          }
          for (Future<?> f : done) {
            f.get();
          }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long stored = s.telemetrySummary().logRecords();
        if (stored != (long) batch * batches) {
          throw new IllegalStateException("stored " + stored + " of " + (long) batch * batches);
        }
        double rate = stored / secs;
        System.out.printf(
            "round %d%s: %d log records in %.2f s = %.0f records/s%n",
            r + 1, r < 0 ? " (warm-up)" : "", stored, secs, rate);
        if (r >= 0) {
          rates[r] = rate;
        }
      }
    }
    Arrays.sort(rates);
    System.out.printf(
        "median: %.0f OTLP log records/s (batch %d, %d connection(s))%n",
        rates[rounds / 2], batch, connections);
  }

  private static void export(HttpClient http, URI uri, byte[] body) throws Exception {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("export refused: " + res.body());
    }
  }

  private static ExportLogsServiceRequest request(int b, int n) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    long base = 1_767_261_600_000_000_000L + (long) b * n * 1_000_000L;
    for (int i = 0; i < n; i++) {
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setTimeUnixNano(base + i * 1_000_000L)
              .setSeverityNumber(
                  i % 10 == 0
                      ? SeverityNumber.SEVERITY_NUMBER_ERROR
                      : SeverityNumber.SEVERITY_NUMBER_INFO)
              .setBody(
                  AnyValue.newBuilder()
                      .setStringValue("GET /cart/" + (i % 97) + " took " + (i % 350) + " ms"))
              .addAttributes(
                  KeyValue.newBuilder()
                      .setKey("http.status_code")
                      .setValue(AnyValue.newBuilder().setIntValue(i % 10 == 0 ? 500 : 200))));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("checkout"))))
                .addScopeLogs(scope))
        .build();
  }
}
