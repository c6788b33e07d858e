package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.FaultClass;
import dev.warroom.server.DatabaseConfig;
import dev.warroom.server.Feedback;
import dev.warroom.server.Incident;
import dev.warroom.server.IncidentRepository;
import dev.warroom.server.IncidentState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackExamplesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final String REPORT =
      ("{'incidentId':'%s','verdict':'root_cause_found','alert':{'service':'frontend'},"
              + "'candidates':[{'service':'cart','faultClass':'memory_exhaustion','score':0.7}],"
              + "'evidence':[],'missingData':[],'findings':[{'expert':'metrics','service':'payments',"
              + "'component':'payments','faultClass':'connection_pool_exhaustion','summary':'s','score':0.4,"
              + "'onset':null,'detail':{'kind':'none'}}]}")
          .replace('\'', '"');

  private static Feedback fb(boolean correct, String truth) {
    return new Feedback("i", correct, truth, null, T0, "responder-test");
  }

  @Test
  void confirmationsLabelTheTopCandidateAndCorrectionsAServiceTheReportNames() throws Exception {
    JsonNode r = new ObjectMapper().readTree(REPORT.formatted("i"));
    assertThat(FeedbackExamples.label(r, fb(true, null)))
        .contains(new FeedbackExamples.Label("cart", FaultClass.MEMORY_EXHAUSTION));
    assertThat(FeedbackExamples.label(r, fb(false, "payments connection_pool_exhaustion")))
        .contains(new FeedbackExamples.Label("payments", FaultClass.CONNECTION_POOL_EXHAUSTION));
    assertThat(FeedbackExamples.label(r, fb(false, "it was payments")))
        .contains(new FeedbackExamples.Label("payments", null));
    // a service the report never mentions is not guessed
    assertThat(FeedbackExamples.label(r, fb(false, "the dns server"))).isEmpty();
  }

  @Test
  void exportsTheIncidentsWithFeedbackOfAServerStore(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (IncidentRepository repo = IncidentRepository.open(DatabaseConfig.embedded(data))) {
      for (String id : new String[] {"a", "b", "c"}) {
        repo.insertIfAbsent(
            new Incident(
                id,
                id + "@1",
                "fp-" + id,
                "generic",
                "t",
                "frontend",
                "firing",
                IncidentState.QUEUED,
                "{\"title\":\"t\",\"service\":\"frontend\"}",
                T0,
                T0,
                null,
                null,
                null));
        repo.claim("w", T0, Duration.ofMinutes(5), 3).orElseThrow();
        repo.complete(id, "w", "root_cause_found", "s", "md", REPORT.formatted(id), "h", "rb", T0);
      }
      repo.feedback(new Feedback("a", true, null, null, T0, "responder-test"));
      repo.feedback(new Feedback("b", false, "nowhere-svc", null, T0, "responder-test"));
    }
    FeedbackExamples.Outcome o = FeedbackExamples.export(data.toString(), dir.resolve("out"));
    assertThat(o.written()).extracting(p -> p.getFileName().toString()).containsExactly("a.json");
    assertThat(o.skipped())
        .singleElement()
        .asString()
        .startsWith("b: the correction 'nowhere-svc'");
  }
}
