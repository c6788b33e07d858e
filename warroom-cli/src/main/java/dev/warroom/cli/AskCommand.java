package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.assist.ReportJson;
import dev.warroom.assist.llm.AssistText;
import dev.warroom.assist.llm.Assistant;
import dev.warroom.assist.llm.SentenceCheck;
import dev.warroom.model.RcaReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom ask REPORT.json QUESTION}: a follow-up question answered by the LLM. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answers a follow-up question about one incident from its report's evidence only, with the"
          + " LLM you configured (docs/assist.md). Personal data and secrets are redacted before"
          + " the prompt; every sentence of the answer is checked against the evidence, and those"
          + " naming what it does not hold are dropped and listed."
    },
    footer = {
      "",
      "Examples:",
      "  warroom investigate ./bundle --json --out report.json",
      "  WARROOM_LLM_PROVIDER=openai WARROOM_LLM_BASE_URL=http://localhost:11434/v1 \\",
      "    WARROOM_LLM_MODEL=llama3.1:8b warroom ask report.json \"why not the database?\""
    })
final class AskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "REPORT",
      description = "A report written with --format json.")
  Path report;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "QUESTION",
      description = "The question.")
  List<String> question;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin LlmOptions llm;

  @Override
  public Integer call() throws Exception {
    RcaReport r = ReportJson.read(report);
    AssistText answer = Assistant.of(llm.required()).ask(r, String.join(" ", question));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("question", String.join(" ", question));
      root.put("answer", answer.text());
      var dropped = root.putArray("dropped");
      for (SentenceCheck.Dropped d : answer.dropped()) {
        var o = dropped.addObject();
        o.put("sentence", d.sentence());
        d.unsupported().forEach(o.putArray("unsupported")::add);
      }
      root.put("refusedToolCalls", answer.refusedToolCalls());
      root.put("error", answer.error());
      out.println(mapper.writeValueAsString(root));
    } else {
      if (answer.error() != null) {
        throw new java.io.IOException(answer.error());
      }
      out.println(
          answer.kept().isEmpty() ? "(no sentence of the answer passed the check)" : answer.text());
      for (SentenceCheck.Dropped d : answer.dropped()) {
        out.println(
            "dropped: \""
                + d.sentence()
                + "\" (not in the evidence: "
                + String.join(", ", d.unsupported())
                + ")");
      }
      if (answer.refusedToolCalls() > 0) {
        out.println("refused: " + answer.refusedToolCalls() + " tool call(s); none are offered");
      }
    }
    out.flush();
    return answer.error() == null ? ExitCodes.OK : ExitCodes.IO;
  }
}
