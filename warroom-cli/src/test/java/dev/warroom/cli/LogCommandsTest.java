package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
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

class LogCommandsTest {

  static String[] captured(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = WarroomCommand.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {
      String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void evalLogparsePrintsPerSystemAndAverageAccuracyAsJson() throws Exception {
    Optional<Path> data = SharedDatasets.find("loghub-2k");
    if (data.isEmpty() && SharedDatasets.inCi()) {
      fail("loghub-2k dataset missing under CI");
    }
    assumeTrue(data.isPresent(), "loghub-2k absent, skipping");
    String[] r = captured("eval", "logparse", "--data", data.get().toString(), "--json");
    assertThat(r[0]).isEqualTo("0");
    JsonNode json = new ObjectMapper().readTree(r[1]);
    assertThat(json.get("systems")).hasSize(8);
    assertThat(json.get("averageGroupAccuracy").asDouble()).isGreaterThanOrEqualTo(0.98);
    assertThat(json.get("averageParsingAccuracy").asDouble()).isGreaterThanOrEqualTo(0.88);
  }

  @Test
  void evalLogparseLosoScoresEachSystemWithSettingsChosenOnTheOthers() throws Exception {
    Optional<Path> data = SharedDatasets.find("loghub-2k");
    if (data.isEmpty() && SharedDatasets.inCi()) {
      fail("loghub-2k dataset missing under CI");
    }
    assumeTrue(data.isPresent(), "loghub-2k absent, skipping");
    String[] r = captured("eval", "logparse", "--data", data.get().toString(), "--loso", "--json");
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    JsonNode json = new ObjectMapper().readTree(r[1]);
    assertThat(json.get("folds")).hasSize(8);
    for (JsonNode fold : json.get("folds")) {
      assertThat(fold.get("training")).hasSize(7);
      fold.get("training")
          .forEach(t -> assertThat(t.asText()).isNotEqualTo(fold.get("heldOut").asText()));
    }
    assertThat(json.get("losoAverageGroupAccuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(json.get("losoAverageParsingAccuracy").asDouble()).isGreaterThanOrEqualTo(0.80);
    assertThat(json.get("shippedDefaultIsAllInChoice").asBoolean()).isTrue();
  }

  @Test
  void evalLogparseRejectsAFolderWithoutLoghubFiles(@org.junit.jupiter.api.io.TempDir Path dir) {
    String[] r = captured("eval", "logparse", "--data", dir.toString());
    assertThat(r[0]).isEqualTo("3");
    assertThat(r[2]).contains("error: --data: no <System>");
  }
}
