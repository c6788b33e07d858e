package dev.warroom.connectors.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.connectors.CompositeStore;
import dev.warroom.connectors.Connectors;
import dev.warroom.connectors.SourcesFile;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigator;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.RcaReport;
import dev.warroom.model.TimeWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An investigation whose only source is a Kubernetes cluster (a MOCK Kubernetes API server, as in
 * {@link KubernetesStoreTest}): the engine reads the live events through {@link Connectors}, the
 * events expert names the OOM kill, and the kinds of data the cluster cannot give are listed as
 * missing, naming the source.
 */
class KubernetesInvestigationTest {
  private static final Instant T = Instant.parse("2026-03-10T10:00:00Z");

  @TempDir Path dir;

  @Test
  void anInvestigationOverTheClusterNamesTheOomKill() throws Exception {
    try (MockKubernetesApiServer api =
        new MockKubernetesApiServer("/kubernetes/cluster.json", "t0ken")) {
      Files.writeString(dir.resolve("token"), "t0ken");
      String yaml =
          "sources:\n"
              + "  - name: cluster\n"
              + "    type: kubernetes\n"
              + "    url: "
              + api.url()
              + "\n"
              + "    auth: {bearer: {file: "
              + dir.resolve("token")
              + "}}\n"
              + "    options: {namespaces: [shop]}\n";
      Alert alert =
          new Alert(
              "cart-errors",
              AlertSource.GENERIC,
              AlertStatus.FIRING,
              "cart error rate high",
              "error_rate",
              "cart",
              "critical",
              Map.of(),
              Map.of(),
              T.plus(Duration.ofMinutes(32)),
              null);
      try (CompositeStore live = Connectors.open(SourcesFile.parse("sources.yaml", yaml))) {
        live.startInvestigation();
        RcaReport report =
            new Investigator(Director.standard())
                .investigate(
                    live, alert, new TimeWindow(T, T.plus(Duration.ofHours(1))), "inc-1", null)
                .report();
        String md = dev.warroom.engine.report.MarkdownReport.render(report);
        assertThat(report.findings())
            .anySatisfy(
                f -> {
                  assertThat(f.summary()).contains("OOMKilled");
                  assertThat(f.service()).isEqualTo("cart");
                });
        assertThat(report.missingData())
            .contains("metrics", "logs", "traces")
            .anySatisfy(
                l ->
                    assertThat(l)
                        .startsWith("not answerable by the source: code (code of cart)")
                        .contains("source cluster (kubernetes) has no source code"));
        assertThat(md).contains("OOMKilled");
        // the rollout, the lowered memory limit and the OOM kill all point at cart
        assertThat(report.top().service()).isEqualTo("cart");
        assertThat(md).contains("deploy cart 1.4.2 -&gt; 1.5.0");
        assertThat(api.requests).allMatch(r -> r.startsWith("GET "));
      }
    }
  }
}
