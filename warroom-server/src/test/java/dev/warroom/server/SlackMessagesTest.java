package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the Slack message carries the verdict, the top candidate and a link to the report, and
 * a follow-up goes out when the alert resolves. Slack itself cannot run here: a local HTTP stand-in
 * for Slack's incoming webhook receives the messages.
 */
class SlackMessagesTest {
  @TempDir Path dir;

  @Test
  void slackStandInGetsVerdictTopCandidateLinkAndAFollowUpOnResolve() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer slackStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slackStandIn.createContext(
        "/services/T0/B0/x",
        ex -> {
          received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    slackStandIn.start();
    Episode ep = new Gym().reset(7, Scenario.of(SystemCatalog.get("shop"), FaultType.CPU_HOG));
    Path bundle = dir.resolve("ep");
    ep.write(bundle);
    URI external = URI.create("https://warroom.example.org/");
    ServerConfig c =
        new ServerConfig(
                0,
                dir.resolve("data"),
                1,
                100,
                Map.of(TestServer.RESPONDER, Role.RESPONDER, TestServer.VIEWER, Role.VIEWER),
                TestServer.SECRET,
                URI.create(
                    "http://127.0.0.1:"
                        + slackStandIn.getAddress().getPort()
                        + "/services/T0/B0/x"))
            .withOptions(ServerConfig.Options.DEFAULT.withExternalUrl(external));
    try (TestServer t = new TestServer(c)) {
      var up =
          t.send(
              "POST",
              "/api/v1/bundles",
              TestServer.RESPONDER,
              BundleUploadTest.zip(bundle),
              Map.of("Content-Type", "application/zip"));
      assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
      String id = t.parse(up.body()).path("incident").asText();
      t.awaitFinished(id, Duration.ofSeconds(180));
      String done = t.parse(received.poll(60, TimeUnit.SECONDS)).path("text").asText();
      var report = t.getJson("/api/v1/incidents/" + id + "/report");
      String verdict = report.path("verdict").asText().replace('_', ' ');
      var top = report.path("candidates").get(0);
      assertThat(done)
          .contains("verdict *" + verdict + "*")
          .contains("top candidate: *" + top.path("service").asText() + " (")
          .contains(top.path("faultClass").asText())
          .contains(Math.round(top.path("confidence").asDouble() * 100) + "%")
          .contains("<https://warroom.example.org/ui/incidents/" + id + "|open the report>");

      // the same alert, resolved, through the generic webhook
      String resolved =
          "{\"title\":\"resolved\",\"status\":\"resolved\",\"fingerprint\":\""
              + ep.alert().fingerprint()
              + "\",\"startsAt\":\""
              + ep.alert().startsAt()
              + "\"}";
      var r = t.send("POST", "/api/v1/alerts/generic", TestServer.RESPONDER, resolved);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      String followUp = t.parse(received.poll(30, TimeUnit.SECONDS)).path("text").asText();
      assertThat(followUp)
          .startsWith(":white_check_mark:")
          .contains("alert resolved")
          .contains("verdict was *" + verdict + "*")
          .contains(top.path("service").asText())
          .contains("/ui/incidents/" + id + "|open the report>");
      // resolving again announces nothing new
      t.send("POST", "/api/v1/alerts/generic", TestServer.RESPONDER, resolved);
      assertThat(received.poll(2, TimeUnit.SECONDS)).isNull();
    } finally {
      slackStandIn.stop(0);
    }
  }

  @Test
  void messageTextEscapesAlertTextAndLinksOnlyWithAnExternalUrl() {
    Incident i =
        new Incident(
            "inc-0123456789abcdef",
            "k",
            "fp",
            "generic",
            "<!channel> checkout <http://evil|click>",
            "checkout",
            "firing",
            IncidentState.DONE,
            "{}",
            java.time.Instant.EPOCH,
            java.time.Instant.EPOCH,
            "root_cause_found",
            "Root cause: cart",
            null);
    Headline h = new Headline("cart", "resource_exhaustion", 0.873);
    String withLink = SlackNotifier.text(i, h, URI.create("https://w.example/"));
    assertThat(withLink)
        .contains("&lt;!channel&gt;")
        .doesNotContain("<!channel>")
        .doesNotContain("<http://evil")
        .contains("top candidate: *cart (resource_exhaustion, 87%)*")
        .contains("<https://w.example/ui/incidents/inc-0123456789abcdef|open the report>");
    assertThat(SlackNotifier.text(i, h, null))
        .doesNotContain("|open the report>")
        .contains("incident `inc-0123456789abcdef`");
    assertThat(SlackNotifier.text(i, Headline.NONE, null)).contains("top candidate: none");
  }
}
