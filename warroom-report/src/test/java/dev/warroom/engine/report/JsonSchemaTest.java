package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rendered JSON follows the published schema docs/report.schema.json. */
class JsonSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static SchemaSubsetValidator validator;

  @BeforeAll
  static void loadSchema() throws IOException {
    JsonNode schema = MAPPER.readTree(Path.of("../docs/report.schema.json").toFile());
    assertThat(schema.get("$id").asText()).isEqualTo(JsonReport.SCHEMA_ID);
    validator = new SchemaSubsetValidator(schema);
  }

  private static JsonNode rendered(dev.warroom.model.RcaReport r) throws IOException {
    return MAPPER.readTree(JsonReport.render(r));
  }

  @Test
  void everySampleReportValidates() throws IOException {
    assertThat(validator.validate(rendered(SampleReports.poolExhaustion()))).isEmpty();
    assertThat(validator.validate(rendered(SampleReports.noFault()))).isEmpty();
    assertThat(validator.validate(rendered(SampleReports.hostile()))).isEmpty();
  }

  @Test
  void carriesTheFieldsTheIssueAsksFor() throws IOException {
    JsonNode json = rendered(SampleReports.poolExhaustion());

    assertThat(json.get("verdict").asText()).isEqualTo("root_cause_found");
    JsonNode top = json.get("candidates").get(0);
    assertThat(top.get("rank").asInt()).isEqualTo(1);
    assertThat(top.get("faultClass").asText()).isEqualTo("connection_pool_exhaustion");
    assertThat(top.get("onset").asText()).isEqualTo("2026-11-20T10:12:00Z");
    assertThat(top.get("evidence")).extracting(JsonNode::asText).containsExactly("E1", "E2", "E4");
    assertThat(json.get("pruned"))
        .singleElement()
        .satisfies(p -> assertThat(p.get("reason").asText()).contains("cpu_usage"));
    assertThat(json.get("evidence").get(0).get("chart").get("values").get(20).isNull()).isTrue();
    assertThat(json.get("timings").get("total").asLong()).isEqualTo(1840L);
    assertThat(json.get("runbook").asText()).startsWith("runbook http_errors");
  }

  @Test
  void validatorRejectsReportsThatBreakTheSchema() throws IOException {
    ObjectNode badVerdict = (ObjectNode) rendered(SampleReports.poolExhaustion());
    badVerdict.put("verdict", "probably_the_database");
    assertThat(validator.validate(badVerdict)).singleElement().asString().startsWith("/verdict:");

    ObjectNode missingRank = (ObjectNode) rendered(SampleReports.poolExhaustion());
    ((ObjectNode) missingRank.get("candidates").get(0)).remove("rank");
    assertThat(validator.validate(missingRank))
        .containsExactly("/candidates/0: missing required property 'rank'");

    ObjectNode extra = (ObjectNode) rendered(SampleReports.noFault());
    extra.put("guess", "db");
    ((ObjectNode) extra.get("evidence").get(0)).put("confidence", 2);
    assertThat(validator.validate(extra))
        .containsExactlyInAnyOrder(
            "/guess: property not allowed by the schema",
            "/evidence/0/confidence: property not allowed by the schema");

    ObjectNode badConfidence = (ObjectNode) rendered(SampleReports.poolExhaustion());
    ((ObjectNode) badConfidence.get("candidates").get(1)).put("confidence", 1.5);
    ((ObjectNode) badConfidence.get("candidates").get(1)).put("onset", "yesterday");
    assertThat(validator.validate(badConfidence)).hasSize(2);
  }
}
