package dev.warroom.connectors.prometheus;

import static org.assertj.core.api.Assertions.fail;

import dev.warroom.connectors.SourceConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The real Prometheus the tests need: skipped with a message when absent, a failure in CI. */
final class PrometheusBinaries {
  private PrometheusBinaries() {}

  static void require() {
    if (!LocalPrometheus.available()) {
      String msg =
          "prometheus and promtool are not on the PATH (install them with .ci/install-prometheus)";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
  }

  static SourceConfig source(URI url, Map<String, String> labels, Map<String, Object> options) {
    return new SourceConfig(
        "prom",
        SourceConfig.Type.PROMETHEUS,
        url,
        null,
        null,
        null,
        1000,
        10_000,
        0,
        labels,
        options);
  }
}
