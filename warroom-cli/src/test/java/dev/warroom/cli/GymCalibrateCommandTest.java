package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GymCalibrateCommandTest {
  @TempDir Path tmp;

  @Test
  void helpShowsTheOneCommandRefit() {
    GymCommandTest.Result r = GymCommandTest.run("gym", "calibrate", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("calibration.json", "isotonic", "--folds");
  }

  @Test
  void rejectsTooFewFoldsBeforeInvestigatingAnything() {
    GymCommandTest.Result r =
        GymCommandTest.run("gym", "calibrate", tmp.toString(), "--folds", "1");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("--folds must be at least 2");
  }

  @Test
  void rejectsAFolderWithoutEpisodes() {
    GymCommandTest.Result r = GymCommandTest.run("gym", "calibrate", tmp.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("no episode folders");
  }

  @Test
  void evalRejectsAMalformedCalibrationNamingTheField() throws Exception {
    Path cal = tmp.resolve("cal.json");
    Files.writeString(cal, "{\"method\":\"platt\",\"a\":1,\"b\":2}");
    GymCommandTest.Result r =
        GymCommandTest.run("gym", "eval", tmp.toString(), "--calibration", cal.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("cal.json", "'c'");
  }
}
