package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.assist.ReportJson;
import dev.warroom.assist.llm.AssistText;
import dev.warroom.assist.llm.Assistant;
import dev.warroom.assist.llm.LlmSettings;
import dev.warroom.assist.llm.SentenceCheck;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/incidents/{id}/ask} with {@code {"question": "..."}}: a follow-up question
 * about one incident, answered by the configured LLM from that incident's report only, behind the
 * guards of warroom-assist (redaction, quoted data, sentence check; docs/assist.md). Answers 404
 * when the incident or its report does not exist, 503 when no LLM is configured ({@code
 * WARROOM_LLM_*} in the server's environment).
 */
final class AskEndpoint {
  static final int MAX_BODY_BYTES = 16 * 1024;
  static final int MAX_QUESTION_CHARS = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IncidentRepository repo;
  private final Supplier<Optional<LlmSettings>> settings;

  AskEndpoint(IncidentRepository repo, Supplier<Optional<LlmSettings>> settings) {
    this.repo = repo;
    this.settings = settings;
  }

  /** The endpoint with the LLM the server's environment names, read on each request. */
  static AskEndpoint fromEnvironment(IncidentRepository repo) {
    return new AskEndpoint(repo, () -> LlmSettings.fromEnv(System.getenv()));
  }

  void handle(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    repo.get(id).orElseThrow(() -> new AlertIntake.NotFound("no incident " + id));
    String report =
        repo.report(id, "json")
            .orElseThrow(() -> new AlertIntake.NotFound("incident " + id + " has no report yet"));
    JsonNode body;
    try {
      body = JSON.readTree(Problems.body(ctx, MAX_BODY_BYTES));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("body: not JSON: " + e.getOriginalMessage());
    }
    ctx.json(answer(report, body.path("question").asText("")));
  }

  /** The answer to {@code question} about the report in {@code reportJson}, as JSON. */
  ObjectNode answer(String reportJson, String question) {
    if (question.isBlank()) {
      throw new IllegalArgumentException("question: expected a non-empty string");
    }
    if (question.length() > MAX_QUESTION_CHARS) {
      throw new IllegalArgumentException(
          "question: " + question.length() + " characters, over " + MAX_QUESTION_CHARS);
    }
    LlmSettings s =
        settings
            .get()
            .orElseThrow(
                () ->
                    new HttpResponseException(
                        503, "no LLM configured: set WARROOM_LLM_* (docs/assist.md)"));
    AssistText a = Assistant.of(s).ask(ReportJson.parse(reportJson, "report"), question);
    ObjectNode out = JSON.createObjectNode();
    out.put("question", question);
    out.put("answer", a.text());
    ArrayNode dropped = out.putArray("dropped");
    for (SentenceCheck.Dropped d : a.dropped()) {
      ObjectNode o = dropped.addObject();
      o.put("sentence", d.sentence());
      ArrayNode u = o.putArray("unsupported");
      d.unsupported().forEach(u::add);
    }
    out.put("refusedToolCalls", a.refusedToolCalls());
    out.put("error", a.error());
    return out;
  }
}
