package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.MetricSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-level fast path and the general path must read the same samples. */
class PrometheusTextTest {
  @TempDir Path tmp;

  private Path bundle(String prom) throws IOException {
    Files.createDirectories(tmp.resolve("metrics"));
    Files.writeString(
        tmp.resolve("alert.json"), "{\"title\":\"t\",\"startsAt\":\"2024-05-01T12:00:00Z\"}");
    Files.writeString(tmp.resolve("metrics/m.prom"), prom);
    return tmp;
  }

  @Test
  void fastAndGeneralPathsAgreeOnEverySample() throws IOException {
    List<MetricSeries> m =
        BundleReader.read(
                bundle(
                    """
                    a{x="1"} 1 1714564800000
                    a{x="1"} 2.5 1714564810000
                    a{x="1"} -3 1714564820000
                    a{x="1"} 4 1714564830000 # {trace_id="t"} 1
                    a{x="1"}   5   1714564840000
                    a{x="1"} 6 1714564850.5
                    b 7 1714564800000
                    b 8 1714564810000
                    """))
            .metrics();
    assertThat(m).hasSize(2);
    assertThat(m.get(0).values()).containsExactly(1, 2.5, -3, 4, 5, 6);
    assertThat(m.get(0).timestampAt(5)).isEqualTo(1714564850500L);
    assertThat(m.get(1).values()).containsExactly(7, 8);
  }

  @Test
  void duplicateSamplesFoundOnTheFastPathAreReported() throws IOException {
    List<String> problems =
        BundleReader.validate(
            bundle(
                "a{x=\"1\"} 1 1714564800000\na{x=\"1\"} 2 1714564810000\na{x=\"1\"} 3 1714564810000\n"));
    assertThat(problems)
        .containsExactly(
            "metrics/m.prom:3: duplicate sample for a{x=\"1\"} at 2024-05-01T12:00:10Z (kept the"
                + " first read, 2.0; dropped 3.0)");
  }
}
