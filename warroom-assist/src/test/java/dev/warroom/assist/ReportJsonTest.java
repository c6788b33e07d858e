package dev.warroom.assist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.engine.report.JsonReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
  @Test
  void readsBackWhatJsonReportWrote(@TempDir Path tmp) throws IOException {
    String json = JsonReport.render(TestReports.poolExhaustion());
    Path file = tmp.resolve("report.json");
    Files.writeString(file, json);
    assertThat(JsonReport.render(ReportJson.read(file))).isEqualTo(json);
  }

  @Test
  void namesTheFileWhenItIsNotAReport(@TempDir Path tmp) throws IOException {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\n  \"incidentId\": \"x\",\n  \"verdict\": \"maybe\"\n}\n");
    assertThatThrownBy(() -> ReportJson.read(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.json: not a warroom report");
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\n  \"incidentId\": \n");
    assertThatThrownBy(() -> ReportJson.read(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.json:")
        .hasMessageContaining("not JSON");
  }
}
