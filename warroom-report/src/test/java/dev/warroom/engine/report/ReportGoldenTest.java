package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.RcaReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for the three renderings of hand-built reports. Regenerate with {@code
 * -Dgolden.update=true} and review the diff.
 */
class ReportGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/reports");

  static Stream<Arguments> renderings() {
    Function<RcaReport, String> md = MarkdownReport::render;
    Function<RcaReport, String> json = JsonReport::render;
    Function<RcaReport, String> html = HtmlReport::render;
    return Stream.of(
        Arguments.of("pool_exhaustion.md", SampleReports.poolExhaustion(), md),
        Arguments.of("pool_exhaustion.json", SampleReports.poolExhaustion(), json),
        Arguments.of("pool_exhaustion.html", SampleReports.poolExhaustion(), html),
        Arguments.of("no_fault.md", SampleReports.noFault(), md),
        Arguments.of("no_fault.json", SampleReports.noFault(), json),
        Arguments.of("no_fault.html", SampleReports.noFault(), html));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renderings")
  void rendersLikeTheGoldenFile(String golden, RcaReport report, Function<RcaReport, String> render)
      throws IOException {
    String actual = render.apply(report);
    Path file = DIR.resolve(golden);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
