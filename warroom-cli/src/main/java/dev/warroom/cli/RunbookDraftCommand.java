package dev.warroom.cli;

import dev.warroom.assist.llm.Assistant;
import dev.warroom.assist.llm.RunbookDraft;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom runbook draft DESCRIPTION}: a runbook drafted by the LLM, checked before use. */
@Command(
    name = "draft",
    mixinStandardHelpOptions = true,
    description = {
      "Drafts a runbook from a plain-language description with the LLM you configured"
          + " (docs/assist.md), and accepts it only if the runbook checker passes it against the"
          + " engine's actors. A rejected draft is printed with its diagnostics and exits 3."
    },
    footer = {
      "",
      "Example:",
      "  warroom runbook draft \"consumers of the orders queue fall behind\" --out queue.wr"
    })
final class RunbookDraftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DESCRIPTION", description = "What the runbook is for.")
  List<String> description;

  @Option(names = "--out", paramLabel = "FILE", description = "Write an accepted runbook here.")
  Path out;

  @Mixin LlmOptions llm;

  @Override
  public Integer call() throws Exception {
    RunbookDraft d =
        Assistant.of(llm.required())
            .draftRunbook(String.join(" ", description), RunbookCommand.catalog());
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!d.accepted()) {
      err.println(
          "error: the draft failed the runbook checker after " + d.attempts() + " attempts:");
      d.diagnostics().forEach(x -> err.println("draft.wr:" + x));
      o.print(d.text());
      o.flush();
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    if (out != null) {
      Files.writeString(out, d.text(), StandardCharsets.UTF_8);
      err.println("runbook written to " + out + " (checker passed, attempt " + d.attempts() + ")");
      err.flush();
    } else {
      o.print(d.text());
      o.flush();
    }
    return ExitCodes.OK;
  }
}
