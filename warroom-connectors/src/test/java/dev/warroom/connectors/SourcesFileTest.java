package dev.warroom.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.InvalidInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcesFileTest {

  @Test
  void readsEverySettingOfASource() {
    List<SourceConfig> s =
        SourcesFile.parse(
            "sources.yaml",
            """
            sources:
              - name: prom
                type: prometheus
                url: http://prom:9090
                auth: {bearer: {env: PROM_TOKEN}}
                timeout: 1.5s
                rate: 5
                budget: 40
                retries: 0
                labels: {service: job, node: instance}
              - name: logs
                type: opensearch
                url: https://os:9200
                auth: {basic: {user: ro, password: {file: /run/secrets/os}}}
                options: {index: "logs-*"}
            """);
    assertThat(s).hasSize(2);
    SourceConfig p = s.get(0);
    assertThat(p.type()).isEqualTo(SourceConfig.Type.PROMETHEUS);
    assertThat(p.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(p.ratePerSecond()).isEqualTo(5);
    assertThat(p.queryBudget()).isEqualTo(40);
    assertThat(p.retries()).isZero();
    assertThat(p.label("service")).isEqualTo("job");
    assertThat(p.label("pod")).isEqualTo("pod");
    assertThat(p.auth()).isInstanceOf(SourceConfig.Auth.Bearer.class);
    assertThat(s.get(1).option("index", null)).isEqualTo("logs-*");
    // A credential's place is printable; its value is never held.
    assertThat(s.get(1).auth().toString()).contains("file:/run/secrets/os");
  }

  @Test
  void reportsEveryProblemWithItsKeyPath() {
    assertThatThrownBy(
            () ->
                SourcesFile.parse(
                    "s.yaml",
                    """
                    sources:
                      - name: prom
                        type: prometeus
                        url: http://u:pw@prom:9090
                        timout: 10s
                      - name: prom
                        type: zipkin
                        url: http://z:9411
                        auth: {bearer: "hunter2"}
                        labels: {servce: x}
                    """))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e -> {
              List<String> p = ((InvalidInputException) e).problems();
              assertThat(p)
                  .anyMatch(x -> x.startsWith("s.yaml: sources[0].type: unknown type 'prometeus'"))
                  .anyMatch(x -> x.contains("sources[0].url: credentials in the URL are refused"))
                  .anyMatch(x -> x.contains("sources[0].timout: unknown key"))
                  .anyMatch(x -> x.contains("sources[1].auth.bearer: a secret is never written"))
                  .anyMatch(x -> x.contains("sources[1].labels.servce: unknown key"));
              assertThat(String.join("\n", p)).doesNotContain("hunter2").doesNotContain(":pw@");
            });
  }

  @Test
  void refusesAFileWithoutSourcesAndBadYaml() {
    assertThatThrownBy(() -> SourcesFile.parse("a.yaml", "sources: []\n"))
        .hasMessage("a.yaml: sources: expected a non-empty list");
    assertThatThrownBy(() -> SourcesFile.parse("b.yaml", "sources: [\n"))
        .hasMessageStartingWith("b.yaml: not valid YAML");
  }
}
