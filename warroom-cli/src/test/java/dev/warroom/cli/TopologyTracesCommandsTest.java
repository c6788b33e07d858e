package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.SharedDatasets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code warroom eval petshop} and {@code warroom bench traces}, run in-process. */
class TopologyTracesCommandsTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = ExitCodes.configure(new CommandLine(new WarroomCommand()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void evalPetshopPrintsTopKPerTrafficAndIssueTypeAsJson() throws Exception {
    Optional<Path> data = SharedDatasets.find("petshop");
    assumeTrue(data.isPresent() || SharedDatasets.inCi(), "petshop dataset absent, skipping");
    if (data.isEmpty()) {
      fail("petshop dataset missing under CI");
    }
    Run r = run("eval", "petshop", "--data", data.get().toString(), "--json");
    assertThat(r.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("issues")).hasSize(16);
    assertThat(json.get("groups").findValuesAsText("issueType"))
        .contains("latency", "availability");
  }

  @Test
  void evalPetshopOnAMissingFolderIsInvalidInput() {
    Run r = run("eval", "petshop", "--data", "/no/such/petshop");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("error: --data: not a directory");
  }

  @Test
  void benchTracesReportsMedianAndCpuTime() {
    Run r = run("bench", "traces", "--spans", "2000", "--runs", "1");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("2", "incident spans", "median", "CPU");
    assertThat(run("bench", "traces", "--spans", "0").code()).isEqualTo(ExitCodes.INVALID_INPUT);
  }
}
