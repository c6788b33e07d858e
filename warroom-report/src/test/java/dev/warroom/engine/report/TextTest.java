package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void axisLabelsUseSiSuffixesFromTenThousand() {
    assertThat(Text.compact(1_003_849_063)).isEqualTo("1G");
    assertThat(Text.compact(284_486_563)).isEqualTo("284M");
    assertThat(Text.compact(15_250)).isEqualTo("15.3k");
    assertThat(Text.compact(9_999)).isEqualTo("9999");
    assertThat(Text.compact(0.0461)).isEqualTo("0.046");
    assertThat(Text.compact(-2_500_000)).isEqualTo("-2.5M");
  }

  @Test
  void percentagesRoundHalfUp() {
    assertThat(Text.percent(0.875)).isEqualTo("88%");
    assertThat(Text.percent(0.08)).isEqualTo("8%");
  }
}
