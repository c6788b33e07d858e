package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.dsl.CheckResult;
import dev.warroom.dsl.Runbooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runbooks in docs/runbooks.md are valid against the engine's actors and canonically formatted,
 * and the documented diagnostics are the ones the checker prints.
 */
class DocsRunbookExamplesTest {
  /** Fenced blocks of the doc as {info string, body}, read line by line. */
  private static List<String[]> blocks() throws IOException {
    List<String[]> out = new ArrayList<>();
    String info = null;
    StringBuilder body = new StringBuilder();
    for (String line : Files.readAllLines(Path.of("../docs/runbooks.md"))) {
      if (info == null && line.startsWith("```")) {
        info = line.substring(3).strip();
        body.setLength(0);
      } else if (info != null && line.equals("```")) {
        out.add(new String[] {info, body.toString()});
        info = null;
      } else if (info != null) {
        body.append(line).append('\n');
      }
    }
    return out;
  }

  @Test
  void everyExampleRunbookChecksCleanAndIsFormatted() throws IOException {
    List<String> examples =
        blocks().stream().filter(b -> b[0].equals("wr")).map(b -> b[1]).toList();

    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
    for (String example : examples) {
      CheckResult r = Runbooks.check(example, RunbookCommand.catalog());
      assertThat(r.diagnostics()).as(r.render("docs example")).isEmpty();
      assertThat(Runbooks.format(example)).isEqualTo(example);
    }
  }

  @Test
  void documentedDiagnosticsAreWhatTheCheckerPrints() throws IOException {
    List<String[]> all = blocks();
    int i = 0;
    while (!all.get(i)[0].equals("wr-invalid")) {
      i++;
    }
    String source = all.get(i)[1];
    String transcript = all.get(i + 1)[1];
    String expected = transcript.substring(transcript.indexOf('\n') + 1);

    CheckResult r = Runbooks.check(source, RunbookCommand.catalog());
    assertThat(
            r.render("broken.wr")
                + "failed: 1 runbook, "
                + r.errors().size()
                + " errors, 0 warnings\n")
        .isEqualTo(expected);
  }
}
