package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.warroom.assist.AssistSections;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kb add|search}, {@code investigate --kb --llm-summary} and {@code ask}, the LLM being a
 * stand-in server (JDK HttpServer, OpenAI chat-completions shape, one canned reply; no model runs).
 */
class AssistCommandsTest {
  @TempDir Path tmp;
  private HttpServer standIn;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startStandIn() throws IOException {
    standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    standIn.createContext(
        "/v1/chat/completions",
        ex -> {
          requests.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body =
              ("{\"id\":\"stand-in\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\","
                      + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":"
                      + "\"assistant\",\"content\":\"The ledger-9 service failed. The evidence does"
                      + " not say more.\"}}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
                      + "\"total_tokens\":2}}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          }
        });
    standIn.start();
  }

  @AfterEach
  void stopStandIn() {
    standIn.stop(0);
  }

  private String[] llm() {
    return new String[] {
      "--llm-provider",
      "openai",
      "--llm-url",
      "http://127.0.0.1:" + standIn.getAddress().getPort() + "/v1",
      "--llm-model",
      "stand-in"
    };
  }

  private Path knowledgeBase() throws IOException {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Files.writeString(
        docs.resolve("db.md"),
        "# Database runbook\n\n## Connection pool exhaustion\n\nTerminate sessions idle in"
            + " transaction; raise the pool size only with spare database connections.\n\n"
            + "## Slow queries\n\nEXPLAIN ANALYZE the statement with the highest total time.\n");
    Files.writeString(
        docs.resolve("k8s.html"),
        "<h1>Kubernetes</h1><h2>OOMKilled</h2><p>The container went over its memory limit.</p>");
    Files.writeString(docs.resolve("notes.txt"), "Cache keys expire after 15 minutes.\n");
    Path kb = tmp.resolve("kb");
    DataCommandsTest.Run add =
        DataCommandsTest.run("kb", "add", docs.toString(), "--kb", kb.toString());
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out())
        .contains("3 added, 0 replaced, 0 unchanged, 0 skipped; 4 sections indexed");
    return kb;
  }

  @Test
  void kbAddAndSearchPrintDocumentSectionScoreAndSnippet() throws IOException {
    Path kb = knowledgeBase();
    DataCommandsTest.Run again =
        DataCommandsTest.run("kb", "add", tmp.resolve("docs").toString(), "--kb", kb.toString());
    assertThat(again.out()).contains("0 added, 0 replaced, 3 unchanged");
    DataCommandsTest.Run text =
        DataCommandsTest.run("kb", "search", "container", "memory", "limit", "--kb", kb.toString());
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).startsWith("1. k8s.html › Kubernetes > OOMKilled  (score ");
    DataCommandsTest.Run json =
        DataCommandsTest.run(
            "kb", "search", "idle in transaction", "--kb", kb.toString(), "--json", "--top", "2");
    JsonNode hits = new ObjectMapper().readTree(json.out()).get("passages");
    assertThat(hits).hasSize(2);
    assertThat(hits.get(0).get("document").asText()).isEqualTo("db.md");
    assertThat(hits.get(0).get("section").asText())
        .isEqualTo("Database runbook > Connection pool exhaustion");
    assertThat(hits.get(0).get("snippet").asText()).contains("idle in transaction");
    DataCommandsTest.Run none =
        DataCommandsTest.run("kb", "search", "x", "--kb", tmp.resolve("nowhere").toString());
    assertThat(none.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(none.err()).contains("no knowledge base in");
  }

  @Test
  void investigateWithKbAndLlmIsTheReportWithoutThemPlusOneBlock()
      throws IOException, URISyntaxException {
    Path kb = knowledgeBase();
    String bundle = DataCommandsTest.shop().toString();
    for (String format : List.of("md", "html")) {
      DataCommandsTest.Run off = DataCommandsTest.run("investigate", bundle, "--format", format);
      String[] args = {
        "investigate", bundle, "--format", format, "--kb", kb.toString(), "--llm-summary"
      };
      DataCommandsTest.Run on = DataCommandsTest.run(concat(args, llm()));
      assertThat(on.code()).as(on.err()).isZero();
      assertThat(on.out()).contains("Related knowledge", "Assistant (LLM)", "ledger-9");
      String cut =
          cut(on.out(), format.equals("md") ? "\n" + AssistSections.BEGIN : AssistSections.BEGIN);
      assertThat(withoutTimings(cut)).isEqualTo(withoutTimings(off.out()));
    }
    assertThat(requests).hasSize(2);
    assertThat(requests).allSatisfy(r -> assertThat(r).doesNotContain("\"tools\""));
  }

  @Test
  void askAnswersFromTheReportAndListsWhatItDropped() throws IOException, URISyntaxException {
    Path report = tmp.resolve("report.json");
    DataCommandsTest.Run inv =
        DataCommandsTest.run(
            "investigate",
            DataCommandsTest.shop().toString(),
            "--json",
            "--out",
            report.toString());
    assertThat(inv.code()).as(inv.err()).isZero();
    DataCommandsTest.Run ask =
        DataCommandsTest.run(
            concat(new String[] {"ask", report.toString(), "why not the database?"}, llm()));
    assertThat(ask.code()).as(ask.err()).isZero();
    assertThat(ask.out())
        .contains("The evidence does not say more.")
        .contains("dropped: \"The ledger-9 service failed.\" (not in the evidence: ledger-9)");
    assertThat(requests.get(0)).contains("why not the database?");

    DataCommandsTest.Run unconfigured = DataCommandsTest.run("ask", report.toString(), "why?");
    assertThat(unconfigured.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unconfigured.err()).contains("no LLM configured");
  }

  /** Timings differ from run to run; everything else must be the same bytes. */
  private static String withoutTimings(String report) {
    return report
        .replaceAll(", \\d+ ms(\n|</code>)", ", N ms$1")
        .replaceAll("(?m)^\\| (\\w+) \\| \\d+ \\|$", "| $1 | N |")
        .replaceAll("<td>(\\w+)</td><td[^>]*>\\d+</td>", "<td>$1</td><td>N</td>");
  }

  private static String cut(String s, String begin) {
    String end = AssistSections.END + "\n";
    int from = s.indexOf(begin);
    assertThat(from).isNotNegative();
    return s.substring(0, from) + s.substring(s.indexOf(end) + end.length());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
