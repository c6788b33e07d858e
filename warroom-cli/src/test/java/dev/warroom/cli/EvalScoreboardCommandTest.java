package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalScoreboardCommandTest {
  @Test
  void aCategoryWithoutItsDataIsSkippedWithTheReason(@TempDir Path tmp) throws Exception {
    GymCommandTest.Result r =
        GymCommandTest.run(
            "eval",
            "scoreboard",
            "--quick",
            "--json",
            "--only",
            "rca-bundles",
            "--work",
            tmp.toString(),
            "--models",
            tmp.resolve("none").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("model").asText()).isEqualTo("shipped");
    assertThat(j.path("categories"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("id").asText()).isEqualTo("rca-bundles");
              assertThat(c.path("score").isNull()).isTrue();
              assertThat(c.path("skipped").asText()).contains("--bundles DIR --truth FILE");
            });
  }

  @Test
  void scoresLabelledBundlesWithTheChosenModel(@TempDir Path tmp) throws Exception {
    Path suite = tmp.resolve("s");
    assertThat(
            GymCommandTest.run(
                    "gym",
                    "suite",
                    "--seeds",
                    "9020..9021",
                    "--window",
                    "20m",
                    "--baseline",
                    "1d",
                    "--out",
                    suite.toString())
                .code())
        .isZero();
    ObjectMapper m = new ObjectMapper();
    var truth = m.createObjectNode();
    for (Path ep : dev.warroom.eval.GymSuiteEvaluation.episodes(suite)) {
      JsonNode t = m.readTree(ep.resolve("truth.json").toFile());
      truth
          .putObject(ep.getFileName().toString())
          .put(
              "service",
              t.path("control").asBoolean() ? "nothing" : t.path("root_cause_service").asText());
    }
    Path truthFile = tmp.resolve("t.json");
    m.writeValue(truthFile.toFile(), truth);
    GymCommandTest.Result r =
        GymCommandTest.run(
            "eval",
            "scoreboard",
            "--json",
            "--only",
            "rca-bundles",
            "--bundles",
            suite.toString(),
            "--truth",
            truthFile.toString(),
            "--work",
            tmp.resolve("w").toString(),
            "--models",
            tmp.resolve("none").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode c = m.readTree(r.out()).path("categories").get(0);
    assertThat(c.path("score").asDouble()).isBetween(0.0, 1.0);
    assertThat(c.path("method").asText()).contains("top-1 (AC@1) on s (top-1 ", "/2");
  }
}
