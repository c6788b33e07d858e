package dev.warroom.assist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.warroom.assist.StandInLlmServer.Reply;
import dev.warroom.assist.kb.Passage;
import dev.warroom.assist.kb.RelatedKnowledge;
import dev.warroom.assist.llm.AssistText;
import dev.warroom.assist.llm.Assistant;
import dev.warroom.assist.llm.Redactor;
import dev.warroom.engine.report.HtmlReport;
import dev.warroom.engine.report.JsonReport;
import dev.warroom.engine.report.MarkdownReport;
import dev.warroom.model.RcaReport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report with the LLM off is the report with it on, less the LLM (and KB) sections. */
class AssistSectionsTest {
  private static StandInLlmServer standIn;
  private static List<AssistText> llm;
  private static final RcaReport REPORT = TestReports.poolExhaustion();
  private static final Optional<RelatedKnowledge> KB =
      Optional.of(
          new RelatedKnowledge(
              "checkout connection pool exhaustion",
              List.of(
                  new Passage(
                      "runbooks/database.md",
                      "Database runbook > Connection pool exhaustion > Mitigation",
                      0.0325,
                      "Find who holds the connections: query pg_stat_activity <for> *sessions*.",
                      1,
                      2))));

  @BeforeAll
  static void askTheStandIn() throws IOException {
    standIn =
        new StandInLlmServer(
            r ->
                Reply.text(
                    "checkout's connection pool is exhausted (E2). The ledger service is down."));
    Assistant a =
        new Assistant(
            OpenAiChatModel.builder()
                .baseUrl(standIn.baseUrl())
                .apiKey("stand-in")
                .modelName("stand-in")
                .build(),
            Redactor.standard());
    llm = List.of(a.summary(REPORT), a.ask(REPORT, "why not the database?"));
    assertThat(llm.get(0).kept()).containsExactly("checkout's connection pool is exhausted (E2).");
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  @Test
  void markdownWithTheLlmOnIsTheReportPlusOneBlock() {
    String off = MarkdownReport.render(REPORT);
    String on = AssistSections.add(off, AssistSections.Format.MD, KB, llm);
    assertThat(on).contains("## Related knowledge", "## Assistant (LLM)", "### Summary");
    assertThat(on)
        .contains("- dropped: \"The ledger service is down.\" (not in the evidence: ledger)");
    assertThat(on).contains("### Question: why not the database?");
    assertThat(cut(on, "\n" + AssistSections.BEGIN, AssistSections.END + "\n")).isEqualTo(off);
  }

  @Test
  void htmlWithTheLlmOnIsTheReportPlusOneBlock() {
    String off = HtmlReport.render(REPORT);
    String on = AssistSections.add(off, AssistSections.Format.HTML, KB, llm);
    assertThat(on).contains("<h2>Related knowledge</h2>", "&lt;for&gt;");
    assertThat(on.indexOf(AssistSections.BEGIN)).isLessThan(on.lastIndexOf("</body>"));
    assertThat(cut(on, AssistSections.BEGIN, AssistSections.END + "\n")).isEqualTo(off);
  }

  @Test
  void jsonWithTheLlmOnIsTheReportPlusOneField() throws IOException {
    String off = JsonReport.render(REPORT);
    String on = AssistSections.add(off, AssistSections.Format.JSON, KB, llm);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode tree = (ObjectNode) json.readTree(on);
    assertThat(tree.path("assist").path("llm").get(0).path("text").asText())
        .isEqualTo("checkout's connection pool is exhausted (E2).");
    assertThat(
            tree.path("assist")
                .path("relatedKnowledge")
                .path("passages")
                .get(0)
                .path("section")
                .asText())
        .isEqualTo("Database runbook > Connection pool exhaustion > Mitigation");
    tree.remove("assist");
    assertThat(json.writeValueAsString(tree) + "\n").isEqualTo(off);
    assertThat(cut(on, ",\n  \"assist\" : ", "\n}\n") + "\n}\n").isEqualTo(off);
  }

  @Test
  void withNothingToAddTheReportIsUntouched() {
    for (AssistSections.Format f : AssistSections.Format.values()) {
      String off =
          switch (f) {
            case MD -> MarkdownReport.render(REPORT);
            case HTML -> HtmlReport.render(REPORT);
            case JSON -> JsonReport.render(REPORT);
          };
      assertThat(AssistSections.add(off, f, Optional.empty(), List.of())).isSameAs(off);
    }
  }

  /** {@code s} less the text from {@code begin} up to and including the last {@code end}. */
  private static String cut(String s, String begin, String end) {
    int from = s.indexOf(begin);
    int to = s.lastIndexOf(end) + end.length();
    assertThat(from).isNotNegative();
    return s.substring(0, from) + s.substring(to);
  }
}
