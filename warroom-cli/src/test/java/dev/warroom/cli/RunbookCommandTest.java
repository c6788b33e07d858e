package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunbookCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = ExitCodes.configure(new CommandLine(new WarroomCommand()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static final String VALID =
      """
      runbook errors "Errors" {
        step impact = impact_analysis(service: alert.service, window: alert.window)
        require len(impact.failing_services) > 0
        conclude
      }
      """;

  @Test
  void checkAcceptsARunbookWrittenAgainstTheEngineActors() throws IOException {
    Path file = write("ok.wr", VALID);

    assertThat(run("runbook", "check", file.toString())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("ok: 1 runbook, 0 errors");
  }

  @Test
  void checkReportsEveryProblemWithFileLineAndColumn() throws IOException {
    Path file =
        write(
            "bad.wr",
            "runbook bad \"Bad\" {\n  step a = no_such_actor(x: 1)\n  require b.found\n}\n");

    assertThat(run("runbook", "check", file.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(out.toString())
        .contains(file + ":2:3: error: unknown actor 'no_such_actor'")
        .contains(file + ":3:11: error: undefined name 'b'")
        .contains("failed: 1 runbook, 2 errors");
  }

  @Test
  void checkPrintsJsonDiagnostics() throws IOException {
    Path file = write("bad.wr", "runbook bad \"Bad\" {\n  require nope.x\n}\n");

    assertThat(run("runbook", "check", "--json", file.toString()))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get(0).get("ok").asBoolean()).isFalse();
    assertThat(json.get(0).get("diagnostics").get(0).get("line").asInt()).isEqualTo(2);
    assertThat(json.get(0).get("diagnostics").get(0).get("severity").asText()).isEqualTo("error");
  }

  @Test
  void fmtCheckFailsOnUnformattedTextAndWriteFixesIt() throws IOException {
    Path file = write("messy.wr", "runbook   m \"M\"{conclude}");

    assertThat(run("runbook", "fmt", "--check", file.toString()))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("not formatted");
    assertThat(run("runbook", "fmt", "--write", file.toString())).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(file)).isEqualTo("runbook m \"M\" {\n  conclude\n}\n");
    assertThat(run("runbook", "fmt", "--check", file.toString())).isEqualTo(ExitCodes.OK);
  }

  @Test
  void fmtRefusesTextWithSyntaxErrors() throws IOException {
    Path file = write("broken.wr", "runbook b \"B\" {\n  step = x()\n}\n");

    assertThat(run("runbook", "fmt", file.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("error: " + file + ":2:8: expected identifier");
  }

  @Test
  void missingFileIsAnIoError() {
    assertThat(run("runbook", "check", dir.resolve("absent.wr").toString()))
        .isEqualTo(ExitCodes.IO);
  }

  @Test
  void actorsListsTheCatalogAndFunctions() {
    assertThat(run("runbook", "actors")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("impact_analysis").contains("hosts_of(");
  }
}
