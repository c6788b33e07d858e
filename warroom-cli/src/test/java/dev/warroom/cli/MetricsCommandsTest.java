package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.SharedDatasets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsCommandsTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = WarroomCommand.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void evalNabReproducesNabAndScoresWarroomAsJson() throws Exception {
    Optional<Path> nab = SharedDatasets.find("nab");
    if (SharedDatasets.inCi()) {
      assertThat(nab).as("dataset nab must be present under CI").isPresent();
    }
    assumeTrue(nab.isPresent(), "dataset nab absent, skipping");
    Run r = run("eval", "nab", "--data", nab.get().toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("windows").asInt()).isEqualTo(36);
    for (JsonNode detector : json.get("reproduction")) {
      for (JsonNode p : detector.get("profiles")) {
        assertThat(p.get("rowsMatching").asInt()).isEqualTo(p.get("rowsCompared").asInt());
      }
    }
    JsonNode standard = json.get("detector").get("profiles").get(0);
    assertThat(standard.get("score").asDouble()).isGreaterThan(60);
    assertThat(json.get("forecast").get("files").size()).isEqualTo(23);
  }

  @Test
  void evalNabOnAFolderThatIsNotNabIsInvalidInput() {
    Run r = run("eval", "nab", "--data", "/nonexistent-nab");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("error: ").contains("not a NAB corpus");
  }

  @Test
  void benchMetricsReportsMedianTimeAndRecall() throws Exception {
    Run r = run("bench", "metrics", "--series", "300", "--points", "1440", "--runs", "3", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("medianMillis").asDouble()).isPositive();
    assertThat(json.get("injectedInTop").asInt()).isEqualTo(json.get("injectedShifts").asInt());
  }

  @Test
  void evalRouterHeldOutOnThisCheckoutReportsItsPartsAsJson() throws Exception {
    Path checkout = Path.of("..").toAbsolutePath().normalize();
    Run r = run("eval", "router", "--held-out", checkout.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("testExamples").asInt()).isGreaterThan(40);
    assertThat(json.get("bySource").findValuesAsText("group"))
        .contains("heldout/repo-fixtures", "heldout/repo-java");
    assertThat(json.get("accuracy").asDouble()).isGreaterThan(0.9);
  }

  @Test
  void evalRouterHeldOutThatIsNoFolderIsInvalidInput() {
    Run r = run("eval", "router", "--held-out", "/nonexistent-bundle");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("error: ").contains("--held-out");
  }
}
