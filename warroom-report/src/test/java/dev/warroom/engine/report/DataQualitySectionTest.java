package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.DataQuality;
import dev.warroom.model.FileQuality;
import dev.warroom.model.RcaReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data-quality account of a bundle load is rendered in every format and follows the schema. */
class DataQualitySectionTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static RcaReport withQuality() {
    DataQuality q =
        new DataQuality(
            List.of(
                new FileQuality(
                    "logs/app.jsonl",
                    99_999,
                    Map.of("/ts: timestamp out of range", 1L),
                    Map.of(),
                    List.of(
                        "logs/app.jsonl:4711: /ts: timestamp out of range (before 1970):"
                            + " '1754-08-30T22:43:41Z'")),
                new FileQuality(
                    "logs/empty.jsonl", 0, Map.of(), Map.of("empty file", 1L), List.of()),
                new FileQuality(
                    "metrics/m.prom", 600, Map.of(), Map.of("counter reset", 2L), List.of())),
            List.of("a record timed outside A .. B was taken as a clock error and skipped"));
    return SampleReports.poolExhaustion().withDataQuality(q, 123);
  }

  @Test
  void markdownListsWhatWasSkippedAndWhy() {
    String md = MarkdownReport.render(withQuality());
    assertThat(md)
        .contains("## Data quality")
        .contains("Loaded 100,599 records from 3 files; skipped 1 record in 1 file")
        .contains("| logs/app.jsonl | 99,999 | 1 × /ts: timestamp out of range | — |")
        .contains("| logs/empty.jsonl | 0 | — | 1 × empty file |")
        .contains("`logs/app.jsonl:4711: /ts: timestamp out of range (before 1970):")
        .contains("| load | 123 |");
  }

  @Test
  void htmlHasTheSection() {
    String html = HtmlReport.render(withQuality());
    assertThat(html)
        .contains("<section id=\"data-quality\">")
        .contains("<code>logs/app.jsonl:4711: /ts: timestamp out of range (before 1970):");
  }

  @Test
  void jsonCarriesTheAccountAndValidates() throws IOException {
    JsonNode schema = MAPPER.readTree(Path.of("../docs/report.schema.json").toFile());
    JsonNode json = MAPPER.readTree(JsonReport.render(withQuality()));
    assertThat(new SchemaSubsetValidator(schema).validate(json)).isEmpty();
    JsonNode dq = json.get("dataQuality");
    assertThat(dq.get("skipped").asLong()).isEqualTo(1);
    assertThat(dq.get("records").asLong()).isEqualTo(100_599);
    assertThat(dq.get("files").get(0).get("skipped").get("/ts: timestamp out of range").asLong())
        .isEqualTo(1);
    assertThat(dq.get("files").get(0).get("examples").get(0).asText())
        .startsWith("logs/app.jsonl:4711:");
  }

  @Test
  void aReportWithoutAnAccountHasNoSection() {
    RcaReport r = SampleReports.poolExhaustion();
    assertThat(MarkdownReport.render(r)).doesNotContain("Data quality");
    assertThat(JsonReport.render(r)).doesNotContain("dataQuality");
  }
}
