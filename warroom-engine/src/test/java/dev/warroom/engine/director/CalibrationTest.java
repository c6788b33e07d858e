package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {
  @Test
  void plattScalingIsTheLogisticOfScoreAndMargin() {
    Calibration c = new Calibration(4, 3, -2, 0.3, 0.3);
    assertThat(c.probability(0.5, 0)).isCloseTo(0.5, within(1e-12));
    assertThat(c.probability(1, 0.5)).isCloseTo(1 / (1 + Math.exp(-3.5)), within(1e-12));
    assertThat(c.method()).isEqualTo("platt");
  }

  @Test
  void isotonicInterpolatesBetweenPointsAndHoldsTheEnds() {
    Calibration c =
        new Calibration(
            0,
            0,
            0,
            0.3,
            0.3,
            new Calibration.Isotonic(List.of(0.2, 0.6, 1.0), List.of(0.1, 0.5, 0.9)),
            "test");
    assertThat(c.probability(0.0, 0)).isEqualTo(0.1);
    assertThat(c.probability(0.4, 0)).isCloseTo(0.3, within(1e-12));
    assertThat(c.probability(0.8, 0.7)).isCloseTo(0.7, within(1e-12));
    assertThat(c.probability(3.0, 0)).isEqualTo(0.9);
  }

  @Test
  void rejectsAnIsotonicMapThatDecreases() {
    assertThatThrownBy(() -> new Calibration.Isotonic(List.of(0.1, 0.2), List.of(0.6, 0.4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decrease at 1");
  }

  @Test
  void identityReturnsTheRawScore() {
    Calibration id = Calibration.identity(0.35);
    assertThat(id.probability(0.73, 0.1)).isCloseTo(0.73, within(1e-12));
    assertThat(id.inconclusiveBelow()).isZero();
  }

  @Test
  void roundTripsThroughJson(@TempDir Path dir) throws Exception {
    Calibration c =
        new Calibration(
            0,
            0,
            0,
            0.3,
            0.25,
            new Calibration.Isotonic(List.of(0.2, 0.9), List.of(0.05, 0.95)),
            "suite x, 10 episodes");
    Path f = dir.resolve("cal.json");
    Files.writeString(
        f, c.toJson(new ObjectMapper().createObjectNode().put("pairs", 10)).toString());
    assertThat(Calibration.load(f)).isEqualTo(c);
  }

  @Test
  void namesTheFileAndFieldOfAMalformedCalibration(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"method\":\"platt\",\"a\":1,\"b\":\"x\",\"c\":0}");
    assertThatThrownBy(() -> Calibration.load(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("'b'");
  }

  @Test
  void theShippedCalibrationLoads() {
    assertThat(Calibration.DEFAULT.probability(0.9, 0.5))
        .isGreaterThanOrEqualTo(Calibration.DEFAULT.probability(0.1, 0.5));
  }
}
