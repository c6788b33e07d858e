package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.engine.report.NarrativeCheck;
import dev.warroom.model.Evidence;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Verdict;
import dev.warroom.store.bundle.BundleWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvestigatorTest {

  @Test
  void investigatesABundleFolderThroughTheEmbeddedStore(@TempDir Path dir) throws Exception {
    BundleWriter.write(SyntheticIncident.build(true, 3), dir);
    Investigation inv = new Investigator(Director.standard()).investigate(dir, null);
    RcaReport r = inv.report();
    assertThat(inv.runbookName()).isEqualTo("http_errors.wr");
    assertThat(r.verdict()).isEqualTo(Verdict.ROOT_CAUSE_FOUND);
    assertThat(r.top().service()).isEqualTo("checkout");
    // Evidence from telemetry queries shows the DuckDB SQL that ran and the user's dialect.
    Evidence metric =
        r.evidence().stream()
            .filter(e -> e.kind() == dev.warroom.model.EvidenceKind.METRIC)
            .findFirst()
            .orElseThrow();
    assertThat(metric.query()).containsIgnoringCase("select");
    assertThat(metric.renderedQueries()).containsKey("promql");
    assertThat(metric.chart()).isNotNull();
    assertThat(r.runbook()).contains("runbook http_errors");
    assertThat(r.hypotheses())
        .anyMatch(h -> h.status() == dev.warroom.model.HypothesisStatus.PRUNED);
  }

  @Test
  void narrativeNamesOnlyWhatTheEvidenceShows(@TempDir Path dir) throws Exception {
    BundleWriter.write(SyntheticIncident.build(true, 5), dir);
    RcaReport r = new Investigator(Director.standard()).investigate(dir, null).report();
    assertThat(NarrativeCheck.check(r)).isEmpty();
  }

  @Test
  void rejectsARunbookThatDoesNotCheckWithLineAndColumn(@TempDir Path dir) throws Exception {
    BundleWriter.write(SyntheticIncident.build(true, 3), dir);
    String bad = "runbook x \"x\" {\n  step a = no_such_actor(services: [])\n  conclude\n}\n";
    assertThatThrownBy(() -> new Investigator(Director.standard()).investigate(dir, bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("runbook:2:");
  }

  @Test
  void aStoreThatFailsOneKindOfReadCostsThatDataOnlyAndTheReportNamesIt() {
    var bundle = SyntheticIncident.build(true, 3);
    try (var duck = dev.warroom.store.duckdb.DuckDbStore.inMemory()) {
      duck.ingest(bundle);
      // Every read passes to the embedded store except metrics, which fail as a backend that is
      // down would (a connector wraps its I/O errors in WarroomException), and logs, which this
      // store says it cannot answer at all.
      dev.warroom.store.TelemetryStore flaky =
          (dev.warroom.store.TelemetryStore)
              java.lang.reflect.Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {dev.warroom.store.TelemetryStore.class},
                  (proxy, method, args) -> {
                    switch (method.getName()) {
                      case "metrics", "aggregate" ->
                          throw new dev.warroom.model.WarroomException.Retriable(
                              "prometheus at http://prom:9090: connection refused", null);
                      case "logs", "logCounts" ->
                          throw new dev.warroom.store.UnsupportedQueryException(
                              "a metrics-only source holds no logs");
                      default -> {
                        try {
                          return method.invoke(duck, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                          throw e.getCause();
                        }
                      }
                    }
                  });
      RcaReport r =
          new Investigator(Director.standard())
              .investigate(flaky, bundle.alert(), bundle.manifest().window(), "flaky", null)
              .report();
      assertThat(r.missingData())
          .anyMatch(m -> m.startsWith("query failed: metrics") && m.contains("connection refused"))
          .anyMatch(m -> m.startsWith("not answerable by the source: logs"));
      // The traces still answer: the investigation went on and ranked from them.
      assertThat(r.top()).isNotNull();
    }
  }
}
