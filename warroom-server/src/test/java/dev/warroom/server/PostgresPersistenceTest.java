package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.director.Director;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident database on a real PostgreSQL (zonky's embedded binaries): Flyway creates the same
 * schema as on the embedded H2 default; incidents, reports, runbooks and feedback written by one
 * server are read by the next, and investigations a dead process left queued or running are
 * finished by the next start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresPersistenceTest {
  static final String PASSWORD = "pg-secret-0005";

  EmbeddedPostgres postgres;
  DatabaseConfig db;
  @TempDir Path dir;

  @BeforeAll
  void start() throws Exception {
    postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofMinutes(2)).start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE warroom LOGIN PASSWORD '" + PASSWORD + "'");
      s.execute("CREATE DATABASE warroom OWNER warroom");
    }
    db =
        new DatabaseConfig(
            "jdbc:postgresql://localhost:" + postgres.getPort() + "/warroom", "warroom", PASSWORD);
  }

  @AfterAll
  void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private TestServer server(Path dataDir) {
    return new TestServer(TestServer.config(dataDir).withDatabase(db));
  }

  @Test
  void incidentsReportsRunbooksAndFeedbackOutliveTheServer() throws Exception {
    String id;
    try (TestServer t = server(dir.resolve("first"))) {
      var r =
          t.send(
              "POST",
              "/api/v1/alerts/alertmanager",
              TestServer.RESPONDER,
              AlertWebhookTest.alertmanager("firing", "pg-1", "2026-01-01T10:00:00Z"));
      id = t.parse(r.body()).path("incidents").get(0).path("id").asText();
      assertThat(t.awaitFinished(id).path("state").asText()).isEqualTo("done");
      var fb =
          t.send(
              "POST",
              "/api/v1/incidents/" + id + "/feedback",
              TestServer.RESPONDER,
              "{\"correct\":false,\"trueRootCause\":\"cart pool exhausted\"}");
      assertThat(fb.statusCode()).isEqualTo(201);
    }
    // another data folder: nothing of the incident can come from an embedded file
    try (TestServer t = server(dir.resolve("second"))) {
      assertThat(t.getJson("/api/v1/incidents/" + id).path("state").asText()).isEqualTo("done");
      var report =
          t.send("GET", "/api/v1/incidents/" + id + "/report?format=md", TestServer.VIEWER, null);
      assertThat(report.statusCode()).isEqualTo(200);
      assertThat(report.body()).isNotBlank();
      var runbook = t.send("GET", "/api/v1/incidents/" + id + "/runbook", TestServer.VIEWER, null);
      assertThat(runbook.statusCode()).isEqualTo(200);
      assertThat(runbook.body()).contains("runbook latency");
      assertThat(
              t.getJson("/api/v1/incidents/" + id + "/feedback")
                  .get(0)
                  .path("trueRootCause")
                  .asText())
          .isEqualTo("cart pool exhausted");
      var repeat =
          t.send(
              "POST",
              "/api/v1/alerts/alertmanager",
              TestServer.RESPONDER,
              AlertWebhookTest.alertmanager("firing", "pg-1", "2026-01-01T10:00:00Z"));
      assertThat(t.parse(repeat.body()).path("incidents").get(0).path("created").asBoolean())
          .isFalse();
    }
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY 1")) {
      List<String> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
      assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6");
    }
  }

  @Test
  void queuedAndRunningInvestigationsOfADeadProcessFinishAfterRestart() {
    Instant now = Instant.now();
    try (IncidentRepository repo = IncidentRepository.open(db)) {
      for (IncidentState state : List.of(IncidentState.QUEUED, IncidentState.RUNNING)) {
        String id = "left-" + state.name().toLowerCase();
        repo.insertIfAbsent(
            new Incident(
                id,
                id + "@1",
                id,
                "generic",
                "left " + state,
                null,
                "firing",
                state,
                "{\"title\":\"left\",\"startsAt\":\"2026-01-01T10:00:00Z\",\"fingerprint\":\""
                    + id
                    + "\"}",
                now,
                now,
                null,
                null,
                null));
      }
    }
    try (WarroomServer s =
        WarroomServer.start(
            TestServer.config(dir.resolve("restart")).withDatabase(db),
            Director.standard(),
            InstantSource.system())) {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline
          && (s.incidents().get("left-queued").orElseThrow().state() != IncidentState.DONE
              || s.incidents().get("left-running").orElseThrow().state() != IncidentState.DONE)) {
        Thread.onSpinWait();
      }
      assertThat(s.incidents().get("left-queued").orElseThrow().state())
          .isEqualTo(IncidentState.DONE);
      assertThat(s.incidents().get("left-running").orElseThrow().state())
          .isEqualTo(IncidentState.DONE);
      assertThat(s.incidents().report("left-running", "json")).isPresent();
    }
  }

  @Test
  void theConfigNeverPrintsThePassword() {
    assertThat(db.toString()).doesNotContain(PASSWORD).contains("password=***");
    assertThat(TestServer.config(dir).withDatabase(db).toString()).doesNotContain(PASSWORD);
  }
}
