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
}
