package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.warroom.assist.llm.LlmSettings;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/v1/incidents/{id}/ask. The LLM is a stand-in server (JDK HttpServer speaking the OpenAI
 * chat-completions shape, one canned reply); no model runs.
 */
class AskEndpointTest {
  @TempDir Path dir;

  static String report() throws IOException {
    return Files.readString(
        Path.of("../warroom-report/src/test/resources/reports/pool_exhaustion.json"));
  }

  @Test
  void answersFromTheReportAndDropsWhatTheEvidenceDoesNotHold() throws IOException {
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer standIn =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    standIn.createContext(
        "/v1/chat/completions",
        ex -> {
          requests.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body =
              ("{\"id\":\"stand-in\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\","
                      + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":"
                      + "\"assistant\",\"content\":\"The errors originate in payments (E3). The"
                      + " ledger-7 database is fine.\"}}],\"usage\":{\"prompt_tokens\":1,"
                      + "\"completion_tokens\":1,\"total_tokens\":2}}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          }
        });
    standIn.start();
    try {
      LlmSettings s =
          LlmSettings.fromEnv(
                  Map.of(
                      "WARROOM_LLM_PROVIDER", "openai",
                      "WARROOM_LLM_BASE_URL",
                          "http://127.0.0.1:" + standIn.getAddress().getPort() + "/v1",
                      "WARROOM_LLM_MODEL", "stand-in"))
              .orElseThrow();
      ObjectNode a =
          new AskEndpoint(null, () -> Optional.of(s)).answer(report(), "why not the database?");
      assertThat(a.get("answer").asText()).isEqualTo("The errors originate in payments (E3).");
      assertThat(a.get("dropped").get(0).get("unsupported").get(0).asText()).isEqualTo("ledger-7");
      assertThat(requests)
          .singleElement()
          .satisfies(r -> assertThat(r).doesNotContain("\"tools\""));
    } finally {
      standIn.stop(0);
    }
  }

  @Test
  void saysWhenNoLlmIsConfiguredOrTheQuestionIsEmpty() {
    AskEndpoint off = new AskEndpoint(null, Optional::empty);
    assertThatThrownBy(() -> off.answer(report(), "why?"))
        .isInstanceOf(HttpResponseException.class)
        .hasMessageContaining("no LLM configured")
        .satisfies(e -> assertThat(((HttpResponseException) e).getStatus()).isEqualTo(503));
    assertThatThrownBy(() -> off.answer(report(), " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("question");
  }

  @Test
  void anUnknownIncidentIsNotFound() {
    try (TestServer t = new TestServer(dir)) {
      var r =
          t.send(
              "POST",
              "/api/v1/incidents/inc-none/ask",
              TestServer.VIEWER,
              "{\"question\":\"why?\"}");
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("no incident inc-none");
    }
  }
}
