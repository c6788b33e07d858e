package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.SharedDatasets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void evalNabScoresAMessyCorpusListsBadRowsAndRunsLoco(@TempDir Path root) throws Exception {
    java.time.LocalDateTime t0 = java.time.LocalDateTime.of(2015, 3, 1, 0, 0);
    java.time.format.DateTimeFormatter f =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    StringBuilder windows = new StringBuilder("{");
    for (String cat : List.of("catA", "catB")) {
      Files.createDirectories(root.resolve("data").resolve(cat));
      List<String> rows = new ArrayList<>(List.of("timestamp,value"));
      for (int i = 0; i < 600; i++) {
        rows.add(t0.plusMinutes(5L * i).format(f) + "," + (i == 400 ? 99 : 5 + i % 4));
        if (cat.equals("catB") && i == 200) {
          rows.add(t0.plusMinutes(5L * 150).format(f) + ",6"); // time goes back
          rows.add("not a timestamp,7");
        }
      }
      Files.write(root.resolve("data").resolve(cat).resolve("f.csv"), rows);
      windows
          .append(windows.length() > 1 ? "," : "")
          .append(
              "\"%s/f.csv\": [[\"%s\", \"%s\"]]"
                  .formatted(
                      cat, t0.plusMinutes(5L * 380).format(f), t0.plusMinutes(5L * 420).format(f)));
    }
    Files.createDirectories(root.resolve("labels"));
    Files.createDirectories(root.resolve("config"));
    Files.writeString(root.resolve("labels/combined_windows.json"), windows + "}");
    Files.writeString(
        root.resolve("config/profiles.json"),
        "{\"standard\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 1.0,"
            + " \"fpWeight\": 0.11}}}");
    Run r = run("eval", "nab", "--data", root.toString(), "--loco");
    assertThat(r.code()).as(r.err()).isZero();
    String messy = root.resolve("data/catB/f.csv").toString();
    assertThat(r.out())
        .contains("Leave one category out")
        .contains("held out catA")
        .contains("held out catB")
        .contains("Data quality: 2 issues")
        .contains(messy + ":203: timestamp goes back 15000 s")
        .contains(messy + ":204: bad timestamp 'not a timestamp' (row skipped)");
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
