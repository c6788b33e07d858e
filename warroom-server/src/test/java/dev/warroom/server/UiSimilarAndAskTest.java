package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident page lists similar past incidents and takes a follow-up question. */
class UiSimilarAndAskTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Incident incident() {
    Instant at = Instant.parse("2026-01-01T10:00:00Z");
    return new Incident(
        "new",
        "new@1",
        "fp",
        "generic",
        "payments pool",
        "payments",
        "firing",
        IncidentState.DONE,
        "{\"title\":\"payments pool\",\"service\":\"payments\"}",
        at,
        at,
        null,
        null,
        null);
  }

  @Test
  void thePageListsSimilarIncidentsWithFeedbackAndShowsTheAnswerAndWhatWasDropped()
      throws Exception {
    JsonNode report =
        JSON.readTree(
            "{\"verdict\":\"root_cause_found\",\"candidates\":[{\"service\":\"payments\","
                + "\"faultClass\":\"connection_pool_exhaustion\",\"confidence\":0.9}]}");
    JsonNode similar =
        JSON.readTree(
            "[{\"incidentId\":\"old-pool\",\"title\":\"<b>pool</b> alert\",\"similarity\":0.75,"
                + "\"verdict\":\"root_cause_found\",\"topCause\":\"payments\","
                + "\"feedback\":[\"wrong: true root cause payments-db\"]}]");
    JsonNode answer =
        JSON.readTree(
            "{\"question\":\"why not the database?\",\"answer\":\"The pool of payments is full.\","
                + "\"dropped\":[{\"sentence\":\"ledger-db v9 crashed.\",\"unsupported\":[\"v9\"]}]}");
    String page =
        UiReportPage.render(
            incident(),
            new UiReportPage.Context(
                null, report, List.of(), false, "tok", List.of(), List.of(), similar, answer));
    assertThat(page)
        .contains("<section id=similar>")
        .contains("href=\"/ui/incidents/old-pool\"")
        .contains("&lt;b&gt;pool&lt;/b&gt; alert")
        .contains("75% alike")
        .contains("feedback: wrong: true root cause payments-db")
        .contains("<p id=answer>The pool of payments is full.</p>")
        .contains("dropped (not supported by the evidence): ledger-db v9 crashed.")
        .contains("action=\"/ui/incidents/new/ask\"")
        .contains("name=csrf value=\"tok\"");
    // Without similar incidents or an answer, neither section shows; the form always does.
    String plain =
        UiReportPage.render(
            incident(),
            new UiReportPage.Context(null, report, List.of(), false, "tok", List.of(), List.of()));
    assertThat(plain).doesNotContain("id=similar").doesNotContain("id=answer").contains("id=ask");
  }

  @Test
  void askingWithoutAConfiguredLlmSaysSoOnThePage(@TempDir Path dir) {
    try (TestServer t = new TestServer(dir)) {
      var posted =
          t.send(
              "POST",
              "/api/v1/alerts/generic",
              TestServer.RESPONDER,
              "{\"title\":\"cart errors\",\"service\":\"cart\",\"startsAt\":\"2026-01-01T10:00:00Z\"}");
      String id = t.parse(posted.body()).path("incidents").get(0).path("id").asText();
      t.awaitFinished(id);
      var r =
          t.send(
              "POST",
              "/ui/incidents/" + id + "/ask",
              TestServer.VIEWER,
              "question=why+not+the+database%3F".getBytes(),
              Map.of("Content-Type", "application/x-www-form-urlencoded"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body())
          .contains("Q: why not the database?")
          .contains("id=answer-error")
          .contains("no LLM configured");
      var empty =
          t.send(
              "POST",
              "/ui/incidents/" + id + "/ask",
              TestServer.VIEWER,
              "question=".getBytes(),
              Map.of("Content-Type", "application/x-www-form-urlencoded"));
      assertThat(empty.body()).contains("question: expected a non-empty string");
    }
  }
}
