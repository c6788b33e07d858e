package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GymTrainCommandTest {
  @TempDir Path tmp;

  @Test
  void trainsAModelThatInvestigateAndEvalAccept() throws Exception {
    Path suite = tmp.resolve("train");
    GymCommandTest.Result gen =
        GymCommandTest.run(
            "gym",
            "suite",
            "--seeds",
            "2000..2002",
            "--window",
            "20m",
            "--baseline",
            "1d",
            "--out",
            suite.toString());
    assertThat(gen.code()).as(gen.err()).isZero();
    Path model = tmp.resolve("m.json");
    GymCommandTest.Result r =
        GymCommandTest.run(
            "gym",
            "train",
            suite.toString(),
            "--eval",
            suite.toString(),
            "--out",
            model.toString(),
            "--threads",
            "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("dumped train [full]: 3 investigated", "train: faults", "eval train [full]");
    assertThat(Files.readString(model)).contains("\"ranker\"", "seeds 2000..2002");
    // the second run reuses the cached dumps
    GymCommandTest.Result again =
        GymCommandTest.run("gym", "train", suite.toString(), "--out", model.toString());
    assertThat(again.out()).contains("0 investigated, 3 cached");
    GymCommandTest.Result eval =
        GymCommandTest.run(
            "gym",
            "eval",
            suite.resolve(firstEpisode(suite)).toString(),
            "--model",
            model.toString(),
            "--withhold",
            "traces");
    assertThat(eval.code()).as(eval.err()).isZero();
  }

  @Test
  void refusesHeldOutSeedsBeforeWritingAnything() {
    Path suite = tmp.resolve("held");
    GymCommandTest.run(
        "gym",
        "suite",
        "--seeds",
        "10000..10000",
        "--window",
        "20m",
        "--baseline",
        "1d",
        "--out",
        suite.toString());
    Path model = tmp.resolve("m.json");
    GymCommandTest.Result r =
        GymCommandTest.run("gym", "train", suite.toString(), "--out", model.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("seed 10000 is held out");
    assertThat(model).doesNotExist();
    assertThat(tmp.resolve("m.json.dumps/held-full")).doesNotExist();
  }

  @Test
  void modelOptionNamesABadFile() throws Exception {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"ranker\":{}}");
    GymCommandTest.Result r =
        GymCommandTest.run("investigate", tmp.toString(), "--model", bad.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("bad.json: not a warroom model");
  }

  private static String firstEpisode(Path suite) throws Exception {
    try (var s = Files.list(suite)) {
      return s.filter(p -> Files.exists(p.resolve("truth.json")))
          .map(p -> p.getFileName().toString())
          .sorted()
          .findFirst()
          .orElseThrow();
    }
  }
}
