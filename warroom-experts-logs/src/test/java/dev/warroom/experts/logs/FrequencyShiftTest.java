package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequencyShiftTest {
  static FrequencyShift.Counts c(int id, Severity sev, long base, long inc) {
    return new FrequencyShift.Counts(id, "cart", "t" + id, sev, base, inc, List.of());
  }

  @Test
  void findsNewVanishedAndChangedTemplatesWithErrorsFirst() {
    Duration hour = Duration.ofHours(1);
    Duration tenMin = Duration.ofMinutes(10);
    List<TemplateShift> shifts =
        FrequencyShift.compare(
            List.of(
                c(1, Severity.INFO, 6000, 1000), // same rate: 100/min
                c(2, Severity.ERROR, 0, 40), // new error
                c(3, Severity.INFO, 600, 0), // vanished heartbeat
                c(4, Severity.WARN, 60, 80), // 1/min -> 8/min
                c(5, Severity.INFO, 0, 1)), // one new line is not significant
            hour,
            tenMin,
            0.01);
    assertThat(shifts.get(0).templateId()).isEqualTo(2);
    assertThat(shifts.get(0).kind()).isEqualTo(TemplateShift.Kind.NEW);
    assertThat(shifts.get(1).templateId()).isEqualTo(4);
    assertThat(shifts.get(1).kind()).isEqualTo(TemplateShift.Kind.INCREASED);
    assertThat(shifts.get(1).incidentRate()).isEqualTo(8.0);
    assertThat(shifts.get(2).kind()).isEqualTo(TemplateShift.Kind.VANISHED);
    assertThat(shifts)
        .filteredOn(s -> s.templateId() == 1 || s.templateId() == 5)
        .allSatisfy(s -> assertThat(s.kind()).isEqualTo(TemplateShift.Kind.UNCHANGED));
  }

  @Test
  void binomialTailMatchesHandComputedValue() {
    // n=10, share 0.5, P(X >= 9) = 11/1024
    assertThat(FrequencyShift.pValue(10, 0.5, 9, true)).isCloseTo(11.0 / 1024, within());
    assertThat(FrequencyShift.pValue(10, 0.5, 1, false)).isCloseTo(11.0 / 1024, within());
  }

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }

  @Test
  void rejectsEmptyWindow() {
    assertThatThrownBy(
            () -> FrequencyShift.compare(List.of(), Duration.ZERO, Duration.ofMinutes(1), 0.01))
        .hasMessageContaining("window lengths");
  }

  @Test
  void ratioFloorKeepsASignificantButSmallRiseUnchanged() {
    // 100/min -> 150/min: overwhelming evidence, but not twice the baseline rate.
    var counts = List.of(c(1, Severity.ERROR, 6000, 1500));
    Duration hour = Duration.ofHours(1);
    Duration tenMin = Duration.ofMinutes(10);
    assertThat(FrequencyShift.compare(counts, hour, tenMin, 1e-4).get(0).kind())
        .isEqualTo(TemplateShift.Kind.INCREASED);
    TemplateShift floored =
        FrequencyShift.compare(counts, hour, tenMin, FrequencyShift.Options.errorBurst()).get(0);
    assertThat(floored.kind()).isEqualTo(TemplateShift.Kind.UNCHANGED);
    assertThat(floored.significant()).isFalse();
  }

  @Test
  void riseNeedsTheMinimumIncidentCount() {
    // 4 new lines in 10 minutes after none in a minute: p = (10/11)^4 is not small anyway, so use a
    // long baseline where 4 lines are significant but below the floor of 5.
    var four = new FrequencyShift.Exposure(0, 600, 4, 10);
    assertThat(FrequencyShift.rose(four, FrequencyShift.Options.fdr(1e-4))).isTrue();
    assertThat(FrequencyShift.rose(four, FrequencyShift.Options.errorBurst())).isFalse();
  }

  @Test
  void withoutBaselineExposureOnlyABurstCounts() {
    var options = FrequencyShift.Options.errorBurst();
    assertThat(FrequencyShift.rose(new FrequencyShift.Exposure(0, 0, 19, 30), options)).isFalse();
    assertThat(FrequencyShift.rose(new FrequencyShift.Exposure(0, 0, 20, 30), options)).isTrue();
    assertThat(FrequencyShift.rose(new FrequencyShift.Exposure(3, 10, 40, 0), options)).isFalse();
  }

  @Test
  void benjaminiHochbergOverTheFamilyIsStricterThanOneTest() {
    // Equal exposures, 2 -> 20: P(X >= 20 | n = 22, q = 0.5) = 254 / 2^22 = 6.06e-5 < 1e-4.
    var strong = new FrequencyShift.Exposure(2, 1, 20, 1);
    var options = FrequencyShift.Options.errorBurst();
    assertThat(FrequencyShift.rose(strong, options)).isTrue();
    List<FrequencyShift.Exposure> family = new java.util.ArrayList<>();
    family.add(strong);
    for (int i = 0; i < 9; i++) {
      family.add(new FrequencyShift.Exposure(10, 1, 10, 1));
    }
    // Ten comparisons: the smallest p-value must reach 1e-4 / 10.
    assertThat(FrequencyShift.rises(family, options)).containsOnly(false);
  }

  @Test
  void risesReportsOnlyRisesNotFalls() {
    boolean[] r =
        FrequencyShift.rises(
            List.of(
                new FrequencyShift.Exposure(600, 60, 0, 10),
                new FrequencyShift.Exposure(0, 60, 50, 10)),
            FrequencyShift.Options.errorBurst());
    assertThat(r).containsExactly(false, true);
  }

  @Test
  void rejectsAnOptionThatWouldLowerTheBar() {
    assertThatThrownBy(() -> new FrequencyShift.Options(1e-4, 0.5, 5, 20))
        .hasMessageContaining("minRatio");
  }
}
