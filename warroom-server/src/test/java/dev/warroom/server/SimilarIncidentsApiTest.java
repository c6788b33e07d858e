package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimilarIncidentsApiTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static String report(String id, String service, String cls, String signal) {
    return ("{'incidentId':'%s','verdict':'root_cause_found','candidates':[{'service':'%s',"
            + "'faultClass':'%s','score':0.9}],'findings':[{'service':'%s','faultClass':'%s',"
            + "'score':0.8,'detail':{'kind':'metric_shift','signal':'%s'}}]}")
        .formatted(id, service, cls, service, cls, signal)
        .replace('\'', '"');
  }

  private static void done(IncidentRepository repo, String id, int minute, String json) {
    Instant at = T0.plusSeconds(60L * minute);
    repo.insertIfAbsent(
        new Incident(
            id,
            id + "@1",
            "fp-" + id,
            "generic",
            "alert " + id,
            "svc",
            "firing",
            IncidentState.QUEUED,
            "{\"title\":\"alert\",\"service\":\"svc\"}",
            at,
            at,
            null,
            null,
            null));
    var claim = repo.claim("w", at, Duration.ofMinutes(5), 3).orElseThrow();
    assertThat(claim.id()).isEqualTo(id);
    assertThat(repo.complete(id, "w", "root_cause_found", "s", "md", json, "html", "rb", at))
        .isTrue();
  }

  @Test
  void listsThePastIncidentsMostLikeOneWithTheirFeedback(@TempDir Path dir) {
    try (IncidentRepository repo = IncidentRepository.open(DatabaseConfig.embedded(dir))) {
      done(
          repo,
          "old-pool",
          1,
          report("old-pool", "payments", "connection_pool_exhaustion", "db_pool_active"));
      done(repo, "old-leak", 2, report("old-leak", "cart", "memory_exhaustion", "memory_rss"));
      done(
          repo,
          "new",
          3,
          report("new", "payments", "connection_pool_exhaustion", "db_pool_active"));
      repo.feedback(new Feedback("old-pool", false, "payments-db", "pool too small", T0, "oncall"));
      SimilarIncidentsApi api = new SimilarIncidentsApi(repo);
      JsonNode out = api.search("new", 5);
      assertThat(out).hasSize(1);
      assertThat(out.get(0).path("incidentId").asText()).isEqualTo("old-pool");
      assertThat(out.get(0).path("similarity").asDouble()).isEqualTo(1.0);
      assertThat(out.get(0).path("title").asText()).isEqualTo("alert old-pool");
      assertThat(out.get(0).path("feedback").get(0).asText())
          .isEqualTo("wrong: true root cause payments-db (pool too small)");
      assertThatThrownBy(() -> api.search("nope", 5)).hasMessageContaining("no incident nope");
      assertThatThrownBy(() -> api.search("new", 0)).hasMessageContaining("limit");
    }
  }

  @Test
  void theIncidentsRouteAnswersSimilarTo(@TempDir Path dir) throws Exception {
    try (IncidentRepository repo = IncidentRepository.open(DatabaseConfig.embedded(dir))) {
      done(
          repo,
          "old-pool",
          1,
          report("old-pool", "payments", "connection_pool_exhaustion", "db_pool_active"));
      done(repo, "old-leak", 2, report("old-leak", "cart", "memory_exhaustion", "memory_rss"));
      done(repo, "new", 3, report("new", "cart", "memory_exhaustion", "memory_rss"));
    }
    try (TestServer s = new TestServer(dir)) {
      var ok = s.send("GET", "/api/v1/incidents?similar_to=new&limit=1", TestServer.VIEWER, null);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      JsonNode body = s.json.readTree(ok.body());
      assertThat(body).hasSize(1);
      assertThat(body.get(0).path("incidentId").asText()).isEqualTo("old-leak");
      // the stored JSON report lists them too
      var rep = s.send("GET", "/api/v1/incidents/new/report?format=json", TestServer.VIEWER, null);
      JsonNode report = s.json.readTree(rep.body());
      assertThat(report.path("incidentId").asText()).isEqualTo("new");
      assertThat(report.path("similarIncidents").get(0).path("incidentId").asText())
          .isEqualTo("old-leak");
      // without the parameter the route still lists incidents
      var all = s.send("GET", "/api/v1/incidents", TestServer.VIEWER, null);
      assertThat(s.json.readTree(all.body())).hasSize(3);
      var missing = s.send("GET", "/api/v1/incidents?similar_to=nope", TestServer.VIEWER, null);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(s.send("GET", "/api/v1/incidents?similar_to=new", null, null).statusCode())
          .isEqualTo(401);
    }
  }
}
