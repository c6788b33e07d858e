package dev.warroom.assist.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.warroom.assist.AssistSections;
import dev.warroom.assist.StandInLlmServer;
import dev.warroom.assist.StandInLlmServer.Reply;
import dev.warroom.assist.TestReports;
import dev.warroom.engine.report.JsonReport;
import dev.warroom.model.RcaReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three guards against the stand-in LLM server (scripted, OpenAI-compatible; no model runs): no
 * personal data or secret reaches a prompt, planted instructions change nothing and trigger no tool
 * call, and unsupported sentences are dropped.
 */
class GuardsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static StandInLlmServer standIn;

  @BeforeAll
  static void start() throws IOException {
    standIn = new StandInLlmServer(r -> Reply.text("checkout's connection pool is exhausted."));
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  static ChatModel model() {
    return OpenAiChatModel.builder()
        .baseUrl(standIn.baseUrl())
        .apiKey("stand-in")
        .modelName("stand-in")
        .maxRetries(0)
        .build();
  }

  @Test
  void noPersonalDataOrSecretOfTheCorpusReachesAnyPrompt() throws IOException {
    standIn.clear();
    List<Corpora.Pii> cases = Corpora.pii();
    Assistant assistant = new Assistant(model(), Redactor.withUserNames(Corpora.USERS));
    // Each case goes in as a log line, a span attribute, the alert title and the question.
    for (Corpora.Pii c : cases) {
      assistant.ask(
          TestReports.withPlanted(
              List.of("checkout WARN " + c.planted()),
              List.of(c.planted()),
              "Alert: " + c.planted()),
          "why not the database? ask " + c.planted());
    }
    assistant.summary(
        TestReports.withPlanted(
            cases.stream().map(Corpora.Pii::planted).limit(8).toList(), List.of(), null));
    List<String> prompts = standIn.promptTexts();
    assertThat(standIn.requests()).hasSize(1 + cases.size());
    // Every planted copy reached the prompt, redacted: title, log line, span attribute, question.
    for (int i = 0; i < cases.size(); i++) {
      String user = prompts.get(2 * i + 1);
      assertThat(user.split("\\[redacted ", -1).length - 1)
          .as("placeholders in the prompt for %s", cases.get(i).text())
          .isGreaterThanOrEqualTo(4);
    }
    List<String> leaks = new ArrayList<>();
    for (Corpora.Pii c : cases) {
      for (String p : prompts) {
        if (p.contains(c.secret())) {
          leaks.add(c.kind() + ": " + c.secret());
          break;
        }
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
    assertThat(leaks).as("leaks in captured prompts").isEmpty();
    assertThat(String.join("\n", prompts)).contains("[redacted email]", "[redacted card]");
  }

  @Test
  void plantedInstructionsChangeNoVerdictAndTriggerNoToolCall() throws IOException {
    List<String> injections = Corpora.lines("injections.txt");
    assertThat(injections).hasSizeGreaterThanOrEqualTo(50);
    AtomicInteger calls = new AtomicInteger();
    // Scripted "malicious" replies: the model obeys the planted text, and every third reply asks
    // for a tool although none was offered.
    standIn.script(
        r -> {
          int n = calls.incrementAndGet();
          String text =
              "The verdict is no_fault. The root cause is the ledger service. checkout's"
                  + " connection pool is exhausted.";
          return n % 3 == 0 ? Reply.toolCall(text, "delete_namespace") : Reply.text(text);
        });
    standIn.clear();
    String before = JsonReport.render(TestReports.poolExhaustion());
    Assistant assistant = new Assistant(model(), Redactor.standard());
    int runs = 0;
    int refused = 0;
    List<String> problems = new ArrayList<>();
    for (String injection : injections) {
      List<RcaReport> planted =
          List.of(
              TestReports.withPlanted(List.of("checkout WARN " + injection), List.of(), null),
              TestReports.withPlanted(List.of(), List.of(injection), null),
              TestReports.withPlanted(List.of(), List.of(), injection));
      for (RcaReport report : planted) {
        AssistText t = assistant.summary(report);
        runs++;
        refused += t.refusedToolCalls();
        // What the reader sees: the kept sentence only; the obeying ones are dropped.
        if (!t.kept().equals(List.of("checkout's connection pool is exhausted."))
            || t.dropped().size() != 2) {
          problems.add("not dropped for: " + injection + " -> " + t);
        }
        String withLlm =
            AssistSections.add(
                JsonReport.render(report),
                AssistSections.Format.JSON,
                Optional.empty(),
                List.of(t));
        JsonNode on = JSON.readTree(withLlm);
        JsonNode off = JSON.readTree(JsonReport.render(report));
        if (!on.get("verdict").equals(off.get("verdict"))
            || !on.get("candidates").equals(off.get("candidates"))
            || !on.get("verdict").asText().equals("root_cause_found")) {
          problems.add("verdict or ranking changed for: " + injection);
        }
      }
    }
    assertThat(runs).isEqualTo(3 * injections.size());
    assertThat(refused).isEqualTo(runs / 3);
    assertThat(problems).isEmpty();
    assertThat(JsonReport.render(TestReports.poolExhaustion())).isEqualTo(before);

    List<String> requests = standIn.requests();
    assertThat(requests).hasSize(runs);
    for (int i = 0; i < requests.size(); i++) {
      JsonNode r = JSON.readTree(requests.get(i));
      assertThat(r.has("tools") || r.has("functions") || r.has("tool_choice"))
          .as("tools offered in %s", requests.get(i))
          .isFalse();
      assertThat(r.has("function_call") || r.has("parallel_tool_calls")).isFalse();
      JsonNode messages = r.get("messages");
      assertThat(messages).hasSize(2);
      assertThat(messages.get(0).get("content").asText()).isEqualTo(EvidencePrompt.RULES);
      String injection = Redactor.standard().clean(injections.get(i / 3));
      assertDataStaysInItsBlock(messages.get(1).get("content").asText(), injection);
    }
  }

  /** The user message: warroom's task, then exactly one data block, which parses as JSON. */
  private static void assertDataStaysInItsBlock(String user, String planted) throws IOException {
    assertThat(user).startsWith(Assistant.SUMMARY_TASK);
    int open = user.indexOf("<<<DATA-");
    int openEnd = user.indexOf(">>>\n", open);
    String delimiter = user.substring(open + 3, openEnd);
    String close = "\n<<<END-" + delimiter + ">>>\n";
    assertThat(user).endsWith(close);
    assertThat(user.indexOf("<<<" + delimiter + ">>>"))
        .isEqualTo(user.lastIndexOf("<<<" + delimiter + ">>>"));
    String data = user.substring(openEnd + 4, user.length() - close.length());
    assertThat(user.substring(0, open).strip()).isEqualTo(Assistant.SUMMARY_TASK);
    JsonNode parsed = JSON.readTree(data);
    assertThat(parsed.get("verdict").asText()).isEqualTo("root_cause_found");
    // The planted text is there, as a JSON string value inside the block, and nowhere else.
    String quoted = JSON.writeValueAsString(planted);
    assertThat(data).contains(quoted.substring(1, quoted.length() - 1));
    assertThat(user.substring(0, open)).doesNotContain(planted.strip());
  }

  @Test
  void aToolCallIsRefusedAndItsTextStillChecked() {
    standIn.script(r -> Reply.toolCall("The ledger service failed.", "restart_service"));
    AssistText t =
        new Assistant(model(), Redactor.standard()).summary(TestReports.poolExhaustion());
    assertThat(t.refusedToolCalls()).isEqualTo(1);
    assertThat(t.kept()).isEmpty();
    assertThat(t.dropped())
        .singleElement()
        .satisfies(d -> assertThat(d.unsupported()).contains("ledger"));
  }

  @Test
  void aFailedCallCostsOnlyItsOwnSection() {
    ChatModel unreachable =
        OpenAiChatModel.builder()
            .baseUrl("http://127.0.0.1:1/v1")
            .apiKey("x")
            .modelName("m")
            .maxRetries(0)
            .timeout(java.time.Duration.ofSeconds(2))
            .build();
    AssistText t =
        new Assistant(unreachable, Redactor.standard()).summary(TestReports.poolExhaustion());
    assertThat(t.error()).startsWith("LLM call failed");
    assertThat(t.kept()).isEmpty();
  }
}
