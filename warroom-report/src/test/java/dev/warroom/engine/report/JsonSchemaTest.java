package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.FindingDetail;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  void findingsCarryTheirTypedDetail() throws IOException {
    JsonNode findings = rendered(SampleReports.poolExhaustion()).get("findings");

    assertThat(findings).hasSize(5);
    JsonNode edge = findings.get(2);
    assertThat(edge.get("component").asText()).isEqualTo("checkout->payments");
    assertThat(edge.get("faultClass").isNull()).isTrue();
    assertThat(edge.get("evidence")).extracting(JsonNode::asText).containsExactly("E3");
    JsonNode detail = edge.get("detail");
    assertThat(detail.get("kind").asText()).isEqualTo("edge_failure");
    assertThat(detail.get("category").asText()).isEqualTo("timeout");
    assertThat(detail.get("expected").isNull()).as("NaN is null").isTrue();
    assertThat(detail.get("errorTypes").fieldNames())
        .toIterable()
        .containsExactly("504", "SocketTimeoutException");
    assertThat(findings.get(0).get("detail").get("direction").asText()).isEqualTo("up");
    // a finding made without typed facts says so
    assertThat(findings.get(3).get("detail").get("kind").asText()).isEqualTo("none");
  }

  @Test
  void schemaDescribesEveryKindOfDetailFieldForField() {
    JsonNode defs = validator.schema().get("$defs");
    List<String> described = new ArrayList<>();
    defs.fieldNames()
        .forEachRemaining(
            n -> {
              if (n.startsWith("detail_")) {
                described.add(n.substring("detail_".length()));
              }
            });
    assertThat(described).containsExactlyInAnyOrderElementsOf(FindingDetailJson.kindNames());
    for (Class<?> type : FindingDetail.class.getPermittedSubclasses()) {
      @SuppressWarnings("unchecked")
      String kind = FindingDetail.kindOf((Class<? extends FindingDetail>) type);
      JsonNode def = defs.get("detail_" + kind);
      List<String> fields = new ArrayList<>(List.of("kind"));
      for (RecordComponent c : type.getRecordComponents()) {
        fields.add(c.getName());
      }
      assertThat(def.get("properties").fieldNames())
          .toIterable()
          .as(kind)
          .containsExactlyElementsOf(fields);
      assertThat(def.get("required"))
          .extracting(JsonNode::asText)
          .as(kind)
          .containsExactlyElementsOf(fields);
    }
  }

  @Test
  void everyKindOfDetailValidatesAndReadsBack() {
    List<FindingDetail> all = SampleReports.oneDetailOfEachKind();
    assertThat(all.stream().map(FindingDetail::kind).distinct())
        .containsExactlyInAnyOrderElementsOf(FindingDetailJson.kindNames());
    for (FindingDetail d : all) {
      ObjectNode json = FindingDetailJson.write(d);
      assertThat(validator.validate(json, "#/$defs/findingDetail")).as(d.kind()).isEmpty();
      assertThat(FindingDetailJson.read(json)).isEqualTo(d);
    }
  }

  @Test
  void unreadableDetailsAreNamed() {
    ObjectNode unknown = MAPPER.createObjectNode().put("kind", "hunch");
    assertThatThrownBy(() -> FindingDetailJson.read(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown kind 'hunch'");
    ObjectNode partial = FindingDetailJson.write(new FindingDetail.StatementLogs("SELECT 1", 3));
    partial.remove("lines");
    assertThatThrownBy(() -> FindingDetailJson.read(partial))
        .hasMessage("statement_logs: missing field 'lines'");
    ObjectNode wrong = FindingDetailJson.write(new FindingDetail.StatementLogs("SELECT 1", 3));
    wrong.put("lines", "many");
    assertThatThrownBy(() -> FindingDetailJson.read(wrong))
        .hasMessage("statement_logs.lines: expected an integer, got \"many\"");
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

    ObjectNode badDetail = (ObjectNode) rendered(SampleReports.poolExhaustion());
    ((ObjectNode) badDetail.get("findings").get(1).get("detail")).remove("category");
    assertThat(validator.validate(badDetail)).isNotEmpty();
  }
}
