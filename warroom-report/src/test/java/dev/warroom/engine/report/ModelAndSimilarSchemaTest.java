package dev.warroom.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A report naming its model and listing similar incidents still follows the schema. */
class ModelAndSimilarSchemaTest {
  @Test
  void modelAndSimilarIncidentsValidate() throws Exception {
    ObjectMapper m = new ObjectMapper();
    var validator =
        new SchemaSubsetValidator(m.readTree(Path.of("../docs/report.schema.json").toFile()));
    ObjectNode json = JsonReport.tree(SampleReports.poolExhaustion().withModel("v3"));
    assertThat(json.get("model").asText()).isEqualTo("v3");
    assertThat(JsonReport.tree(SampleReports.poolExhaustion()).has("model")).isFalse();
    ObjectNode past = JsonReport.tree(SampleReports.poolExhaustion());
    past.put("incidentId", "earlier");
    json.set(
        "similarIncidents",
        SimilarIncidents.toJson(
            SimilarIncidents.rank(
                json,
                List.of(new SimilarIncidents.Past("earlier", past, List.of("confirmed"))),
                3)));
    JsonNode back = m.readTree(m.writeValueAsString(json));
    assertThat(back.get("similarIncidents")).hasSize(1);
    assertThat(back.get("similarIncidents").get(0).get("similarity").asDouble()).isEqualTo(1.0);
    assertThat(validator.validate(back)).isEmpty();
    // a field the schema does not know is still refused, so the check above can fail
    json.put("unknownField", 1);
    assertThat(validator.validate(m.readTree(m.writeValueAsString(json)))).isNotEmpty();
  }
}
