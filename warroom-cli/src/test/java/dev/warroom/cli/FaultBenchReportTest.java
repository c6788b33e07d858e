package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultBenchReportTest {
  record Row(String fault, boolean hit) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("retry_storm", true),
          new Row("control", false),
          new Row("retry_storm", false),
          new Row("control", true),
          new Row("retry_storm", true));

  @Test
  void parsesAnInclusiveSeedRange() {
    assertThat(FaultBenchReport.Seeds.parse(" 3 .. 5")).isEqualTo(new FaultBenchReport.Seeds(3, 5));
    assertThat(FaultBenchReport.Seeds.parse("7..7")).isEqualTo(new FaultBenchReport.Seeds(7, 7));
  }

  @Test
  void rejectsASeedRangeThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> FaultBenchReport.Seeds.parse("5..3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--seeds: B < A in '5..3'");
    assertThatThrownBy(() -> FaultBenchReport.Seeds.parse("a..3"))
        .hasMessage("--seeds: expected A..B, got 'a..3'");
  }

  @Test
  void talliesHitsPerFaultInNameOrder() {
    assertThat(FaultBenchReport.perFault(ROWS, Row::fault, Row::hit))
        .containsExactly(
            new FaultBenchReport.FaultScore("control", 1, 2),
            new FaultBenchReport.FaultScore("retry_storm", 2, 3));
  }

  @Test
  void writesPerFaultJsonWithTheCommandsRatioField() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();

    FaultBenchReport.putPerFault(
        root, FaultBenchReport.perFault(ROWS, Row::fault, Row::hit), "accuracy");

    assertThat(root.toString())
        .isEqualTo(
            "{\"per_fault\":{\"control\":{\"hits\":1,\"episodes\":2,\"accuracy\":0.5},"
                + "\"retry_storm\":{\"hits\":2,\"episodes\":3,\"accuracy\":0.6666666666666666}}}");
  }

  @Test
  void printsOneTableLinePerFaultWithItsMeasure() {
    StringWriter text = new StringWriter();

    FaultBenchReport.printPerFault(
        new PrintWriter(text, true),
        FaultBenchReport.perFault(ROWS, Row::fault, Row::hit),
        16,
        f -> f.equals("control") ? "no false alarm" : "top-1");

    assertThat(text.toString())
        .isEqualTo(
            "control          no false alarm 1/2 = 0.50%n".formatted()
                + "retry_storm      top-1 2/3 = 0.67%n".formatted());
  }
}
