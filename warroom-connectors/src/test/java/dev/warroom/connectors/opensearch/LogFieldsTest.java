package dev.warroom.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.connectors.SourceConfig;
import dev.warroom.connectors.SourcesFile;
import dev.warroom.model.InvalidInputException;
import org.junit.jupiter.api.Test;

class LogFieldsTest {
  private static SourceConfig source(String extra) {
    return SourcesFile.parse(
            "sources.yaml",
            "sources:\n  - name: logs\n    type: opensearch\n    url: http://127.0.0.1:9200\n"
                + extra)
        .get(0);
  }

  @Test
  void otelIsTheDefaultAndEcsAPreset() {
    assertThat(LogFields.of(source("")))
        .isEqualTo(
            new LogFields(
                "logs-*",
                "@timestamp",
                "resource.service.name",
                "severity_text",
                "body",
                "trace_id",
                "span_id",
                "attributes"));
    LogFields ecs = LogFields.of(source("    options: {schema: ecs, index: 'filebeat-*'}\n"));
    assertThat(ecs.service()).isEqualTo("service.name");
    assertThat(ecs.severity()).isEqualTo("log.level");
    assertThat(ecs.body()).isEqualTo("message");
    assertThat(ecs.index()).isEqualTo("filebeat-*");
  }

  @Test
  void fieldOptionsAndTheServiceLabelOverrideThePreset() {
    assertThat(LogFields.of(source("    labels: {service: kubernetes.labels.app}\n")).service())
        .isEqualTo("kubernetes.labels.app");
    LogFields f =
        LogFields.of(
            source("    options: {bodyField: log, timestampField: time, serviceField: svc}\n"));
    assertThat(f.body()).isEqualTo("log");
    assertThat(f.timestamp()).isEqualTo("time");
    assertThat(f.service()).isEqualTo("svc");
  }

  @Test
  void unknownOptionsAndSchemasAreErrorsNamingTheKey() {
    assertThatThrownBy(() -> LogFields.of(source("    options: {indx: logs}\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("source logs: options.indx: unknown option");
    assertThatThrownBy(() -> LogFields.of(source("    options: {schema: loki}\n")))
        .hasMessageContaining("options.schema: expected otel or ecs, got 'loki'");
    assertThatThrownBy(() -> new OpenSearchStore(source("    options: {maxGroups: lots}\n")))
        .hasMessageContaining("options.maxGroups");
  }
}
