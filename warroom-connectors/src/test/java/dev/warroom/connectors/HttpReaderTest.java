package dev.warroom.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.warroom.model.WarroomException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real local HTTP server (the JDK's), standing in for a backend. */
class HttpReaderTest {
  private HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<String> authHeaders = new ArrayList<>();
  private volatile int failFirst;
  private volatile int status = 200;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          int n = calls.incrementAndGet();
          authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
          int s = n <= failFirst ? 503 : status;
          byte[] body =
              ("{\"path\":\"" + ex.getRequestURI() + "\"}").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(s, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private SourceConfig source(SourceConfig.Auth auth, int budget, int retries) {
    return new SourceConfig(
        "prom",
        SourceConfig.Type.PROMETHEUS,
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        auth,
        null,
        Duration.ofSeconds(2),
        1000,
        budget,
        retries,
        null,
        Map.of());
  }

  @Test
  void retriesAPassingFailureWithBackoffAndRecordsWhatWasSent() {
    failFirst = 2;
    List<Long> slept = new ArrayList<>();
    HttpReader r = new HttpReader(source(null, 10, 2), slept::add);
    HttpReader.Response resp = r.get("/api/v1/query?query=up");
    assertThat(resp.status()).isEqualTo(200);
    assertThat(calls.get()).isEqualTo(3);
    assertThat(slept).hasSizeGreaterThanOrEqualTo(2);
    assertThat(r.sent())
        .extracting(HttpReader.Sent::pathAndQuery)
        .containsOnly("/api/v1/query?query=up");
  }

  @Test
  void doesNotRetryARefusalAndNamesTheSourceNotTheCredential(@TempDir Path dir) throws Exception {
    status = 401;
    Path secret = dir.resolve("token");
    Files.writeString(secret, "s3cr3t-token\n");
    HttpReader r =
        new HttpReader(
            source(new SourceConfig.Auth.Bearer(new SourceConfig.Secret(null, secret)), 10, 3),
            ms -> {});
    assertThatThrownBy(() -> r.get("/api/v1/labels"))
        .isInstanceOf(WarroomException.NonRetriable.class)
        .hasMessageStartingWith("prom (prometheus) GET /api/v1/labels: HTTP 401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    assertThat(calls.get()).isEqualTo(1);
    assertThat(authHeaders).containsExactly("Bearer s3cr3t-token");
  }

  @Test
  void theQueryBudgetHolds() {
    HttpReader r = new HttpReader(source(null, 3, 0), ms -> {});
    r.get("/a");
    r.get("/b");
    r.get("/c");
    assertThatThrownBy(() -> r.get("/d"))
        .hasMessageContaining("query budget of 3 requests is spent");
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void aSourceThatIsDownIsARetriableFailureNamingIt() {
    int port = server.getAddress().getPort();
    server.stop(0);
    HttpReader r = new HttpReader(source(null, 10, 1), ms -> {});
    assertThatThrownBy(() -> r.get("/api/v1/query"))
        .isInstanceOf(WarroomException.Retriable.class)
        .hasMessageStartingWith("prom (prometheus) GET /api/v1/query");
    assertThat(r.sent()).hasSize(2);
    assertThat(port).isPositive();
  }

  @Test
  void theRateLimitSpacesRequests() {
    List<Long> slept = new ArrayList<>();
    SourceConfig s = source(null, 100, 0);
    s =
        new SourceConfig(
            s.name(), s.type(), s.url(), null, null, s.timeout(), 2, 100, 0, null, Map.of());
    HttpReader r = new HttpReader(s, slept::add);
    for (int i = 0; i < 6; i++) {
      r.get("/x");
    }
    // Two tokens a second: after the first two, each request waits about half a second (the
    // sleeper here only records, so the waits accumulate as debt).
    assertThat(slept).hasSizeGreaterThanOrEqualTo(4);
    assertThat(slept.get(slept.size() - 1)).isGreaterThan(400);
  }
}
