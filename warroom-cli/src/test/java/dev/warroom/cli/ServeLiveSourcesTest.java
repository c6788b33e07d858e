package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.connectors.Connectors;
import dev.warroom.connectors.SourcesFile;
import dev.warroom.connectors.prometheus.LocalPrometheus;
import dev.warroom.engine.director.Director;
import dev.warroom.gym.Episode;
import dev.warroom.gym.Gym;
import dev.warroom.gym.GymSuite;
import dev.warroom.server.Role;
import dev.warroom.server.ServerConfig;
import dev.warroom.server.WarroomServer;
import dev.warroom.store.bundle.AlertParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warroom serve --sources}: an Alertmanager webhook starts a live investigation. */
class ServeLiveSourcesTest {
  static final String TOKEN = "responder-token-live";

  @TempDir Path tmp;

  @Test
  void aWebhookAlertIsInvestigatedOverThePrometheusSource() throws Exception {
    if (!LocalPrometheus.available()) {
      String msg =
          "prometheus and promtool are not on the PATH (install them with .ci/install-prometheus)";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    GymSuite.Entry e = GymSuite.plan(1, 1, GymSuite.Options.defaults()).get(0);
    Episode ep = new Gym().reset(e.seed(), e.scenario());
    ServerConfig config =
        new ServerConfig(0, tmp.resolve("data"), 1, 10, Map.of(TOKEN, Role.RESPONDER), null, null);
    try (LocalPrometheus prom = LocalPrometheus.start(ep.bundle().metrics(), tmp.resolve("prom"));
        ServedSources live =
            new ServedSources(
                Connectors.open(
                    SourcesFile.parse(
                        "sources.yaml",
                        "sources:\n  - name: prom\n    type: prometheus\n    url: "
                            + prom.url()
                            + "\n")));
        WarroomServer server =
            WarroomServer.start(config, Director.standard(), InstantSource.system(), live)) {
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      String base = "http://localhost:" + server.port();
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/alertmanager"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          AlertParser.toAlertmanager(ep.alert()).toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
      String id = json.readTree(posted.body()).path("incidents").get(0).path("id").asText();
      JsonNode report = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode inc = get(http, json, base + "/api/v1/incidents/" + id);
        String state = inc.path("state").asText();
        if (state.equals("done") || state.equals("failed")) {
          assertThat(state).isEqualTo("done");
          report = get(http, json, base + "/api/v1/incidents/" + id + "/report");
          break;
        }
        Thread.sleep(100);
      }
      assertThat(report).as("finished within 120 s").isNotNull();
      assertThat(report.path("candidates").path(0).path("service").asText())
          .isEqualTo(ep.truth().rootCauseService());
      assertThat(report.toString()).contains("# GET /api/v1/query");
    }
  }

  private static JsonNode get(HttpClient http, ObjectMapper json, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }
}
