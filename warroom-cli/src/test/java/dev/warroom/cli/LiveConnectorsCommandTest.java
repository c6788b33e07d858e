package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.connectors.CompositeStore;
import dev.warroom.connectors.Connectors;
import dev.warroom.connectors.prometheus.LocalPrometheus;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.director.Investigator;
import dev.warroom.gym.Episode;
import dev.warroom.gym.Gym;
import dev.warroom.gym.GymSuite;
import dev.warroom.model.RcaReport;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.bundle.AlertParser;
import java.lang.reflect.InvocationTargetException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live commands against a real Prometheus holding a gym episode's metrics (backfilled with
 * promtool): sources check, investigate --sources, bundle capture and its replay, and a Prometheus
 * stopped in the middle of an investigation.
 */
class LiveConnectorsCommandTest {
  @TempDir static Path tmp;
  static Episode episode;
  static LocalPrometheus server;
  static Path sources;
  static Path alert;

  @BeforeAll
  static void start() throws Exception {
    if (!LocalPrometheus.available()) {
      String msg =
          "prometheus and promtool are not on the PATH (install them with .ci/install-prometheus)";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    GymSuite.Entry e = GymSuite.plan(1, 1, GymSuite.Options.defaults()).get(0);
    episode = new Gym().reset(e.seed(), e.scenario());
    server = LocalPrometheus.start(episode.bundle().metrics(), tmp.resolve("prom"));
    sources = tmp.resolve("sources.yaml");
    Files.writeString(sources, sourcesYaml(server.url().toString(), null));
    alert = tmp.resolve("alert.json");
    Files.writeString(alert, AlertParser.toJson(episode.alert()).toPrettyString());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String sourcesYaml(String url, String downUrl) {
    String s =
        "sources:\n"
            + "  - name: prom\n"
            + "    type: prometheus\n"
            + "    url: "
            + url
            + "\n"
            + "    timeout: 30s\n"
            + "    retries: 0\n";
    if (downUrl != null) {
      s += "  - name: down\n    type: prometheus\n    url: " + downUrl + "\n    retries: 0\n";
    }
    return s;
  }

  static int deadPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void sourcesCheckSaysWhatEachSourceHolds() {
    var r = DataCommandsTest.run("sources", "check", "--sources", sources.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("ok    prom (prometheus, " + server.url() + "): ")
        .contains(episode.bundle().metrics().size() + " series")
        .contains("metric names")
        .contains(episode.truth().rootCauseService())
        .contains("time range ");
  }

  @Test
  void sourcesCheckFailsNamingTheSourceThatIsDown() throws Exception {
    Path both = tmp.resolve("both.yaml");
    Files.writeString(both, sourcesYaml(server.url().toString(), "http://127.0.0.1:" + deadPort()));
    var r = DataCommandsTest.run("sources", "check", "--sources", both.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.IO);
    assertThat(r.out()).contains("ok    prom (prometheus").contains("FAIL  down (prometheus");
    assertThat(r.err()).contains("1 of 2 sources failed: down");
  }

  @Test
  void aCapturedBundleReplaysToTheLiveVerdict() throws Exception {
    ObjectMapper json = new ObjectMapper();
    var live =
        DataCommandsTest.run(
            "investigate",
            "--sources",
            sources.toString(),
            "--alert",
            alert.toString(),
            "--format",
            "json");
    assertThat(live.code()).as(live.err()).isZero();
    JsonNode liveReport = json.readTree(live.out());

    Path captured = tmp.resolve("captured");
    var cap =
        DataCommandsTest.run(
            "bundle",
            "capture",
            "--sources",
            sources.toString(),
            "--alert",
            alert.toString(),
            "--out",
            captured.toString());
    assertThat(cap.code()).as(cap.err()).isZero();
    assertThat(captured.resolve("metrics/metrics.prom")).exists();
    assertThat(captured.resolve("alert.json")).exists();

    var replay = DataCommandsTest.run("investigate", captured.toString(), "--format", "json");
    assertThat(replay.code()).as(replay.err()).isZero();
    JsonNode replayReport = json.readTree(replay.out());
    assertThat(replayReport.path("verdict").asText())
        .isEqualTo(liveReport.path("verdict").asText());
    assertThat(replayReport.path("candidates").path(0).path("service").asText())
        .isEqualTo(liveReport.path("candidates").path(0).path("service").asText())
        .isNotEmpty();
  }

  @Test
  void stoppingPrometheusDuringAnInvestigationIsReportedAsMissingData() throws Exception {
    try (LocalPrometheus doomed =
            LocalPrometheus.start(episode.bundle().metrics(), tmp.resolve("doomed"));
        CompositeStore live =
            Connectors.open(
                dev.warroom.connectors.SourcesFile.parse(
                    "doomed.yaml", sourcesYaml(doomed.url().toString(), null)))) {
      // Prometheus is stopped right after the first metrics read returns (the onset probe): the
      // store's later reads find nothing listening
      AtomicBoolean stopped = new AtomicBoolean();
      TelemetryStore stopsAfterFirstRead =
          (TelemetryStore)
              java.lang.reflect.Proxy.newProxyInstance(
                  TelemetryStore.class.getClassLoader(),
                  new Class<?>[] {TelemetryStore.class},
                  (proxy, method, args) -> {
                    try {
                      Object r = method.invoke(live, args);
                      if (method.getName().equals("metrics")
                          && stopped.compareAndSet(false, true)) {
                        doomed.stop();
                      }
                      return r;
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      Investigation inv =
          LiveSources.investigate(
              new Investigator(Director.standard()),
              live,
              stopsAfterFirstRead,
              episode.alert(),
              null);
      assertThat(stopped).isTrue();
      assertThat(doomed.running()).isFalse();
      RcaReport report = inv.report();
      assertThat(report.missingData())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("query failed: metrics")
                      .contains("prom (prometheus) GET /api/v1/query"));
      String md = dev.warroom.engine.report.MarkdownReport.render(report);
      assertThat(md).contains("Missing data").contains("prom (prometheus) GET /api/v1/query");
    }
  }

  @Test
  void liveInvestigateNeedsAnAlert() {
    var r = DataCommandsTest.run("investigate", "--sources", sources.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("--sources needs --alert FILE");
  }
}
