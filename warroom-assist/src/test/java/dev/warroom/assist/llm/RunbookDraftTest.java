package dev.warroom.assist.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.warroom.assist.StandInLlmServer;
import dev.warroom.assist.StandInLlmServer.Reply;
import dev.warroom.dsl.ActorCatalog;
import dev.warroom.dsl.ActorSignature;
import dev.warroom.dsl.ActorSignature.Param;
import dev.warroom.dsl.Type;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Runbook drafting against the stand-in LLM server: accepted only when the checker passes it. */
class RunbookDraftTest {
  static final ActorCatalog CATALOG =
      ActorCatalog.of(
          List.of(
              new ActorSignature(
                  "impact_analysis",
                  "who is affected",
                  List.of(
                      Param.required("service", new Type.Service()),
                      Param.required("window", new Type.Window())),
                  Map.of("failing_services", new Type.ListOf(new Type.Service()))),
              new ActorSignature(
                  "error_localization",
                  "where errors start",
                  List.of(
                      Param.required("services", new Type.ListOf(new Type.Service())),
                      Param.required("window", new Type.Window())),
                  Map.of("found", new Type.Bool()))));

  static final String VALID =
      """
      runbook queue_backlog "Queue backlog" {
        when alert.signal in [queue_depth]
        step impact = impact_analysis(service: alert.service, window: alert.window)
        hypothesis "consumers fail" prior 0.5 {
          step errs = error_localization(services: impact.failing_services, window: alert.window)
          require errs.found
        }
        conclude
      }
      """;

  static final String INVALID =
      """
      runbook queue_backlog "Queue backlog" {
        step impact = restart_everything(service: alert.service)
        conclude
      }
      """;

  @Test
  void acceptsTheSecondAttemptOnceTheCheckerPassesIt() throws IOException {
    AtomicInteger n = new AtomicInteger();
    try (StandInLlmServer standIn =
        new StandInLlmServer(
            r ->
                Reply.text(
                    "Here it is:\n```\n" + (n.incrementAndGet() == 1 ? INVALID : VALID) + "```"))) {
      RunbookDraft d =
          assistant(standIn).draftRunbook("consumers of the orders queue fall behind", CATALOG);
      assertThat(d.accepted()).isTrue();
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.text()).isEqualTo(VALID);
      // The second request told the model what the checker said about the first.
      assertThat(standIn.promptTexts().get(3)).contains("restart_everything");
      assertThat(standIn.promptTexts().get(0)).contains("impact_analysis(service: service");
    }
  }

  @Test
  void refusesARunbookTheCheckerRejects() throws IOException {
    try (StandInLlmServer standIn =
        new StandInLlmServer(r -> Reply.text("```\n" + INVALID + "```"))) {
      RunbookDraft d = assistant(standIn).draftRunbook("restart all the things", CATALOG);
      assertThat(d.accepted()).isFalse();
      assertThat(d.attempts()).isEqualTo(2);
      assertThat(d.diagnostics()).anyMatch(x -> x.contains("restart_everything"));
      assertThat(standIn.requests()).hasSize(2);
    }
  }

  @Test
  void redactsTheDescriptionToo() throws IOException {
    try (StandInLlmServer standIn = new StandInLlmServer(r -> Reply.text(VALID))) {
      assistant(standIn).draftRunbook("page alice@example.com when 10.0.0.7 fails", CATALOG);
      assertThat(String.join("\n", standIn.promptTexts()))
          .doesNotContain("alice@example.com", "10.0.0.7")
          .contains("[redacted email]");
    }
  }

  private static Assistant assistant(StandInLlmServer standIn) {
    return new Assistant(
        OpenAiChatModel.builder()
            .baseUrl(standIn.baseUrl())
            .apiKey("stand-in")
            .modelName("stand-in")
            .build(),
        Redactor.standard());
  }
}
