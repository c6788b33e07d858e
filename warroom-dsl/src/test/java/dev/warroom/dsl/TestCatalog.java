package dev.warroom.dsl;

import static dev.warroom.dsl.ActorSignature.Param.optional;
import static dev.warroom.dsl.ActorSignature.Param.required;

import java.util.List;
import java.util.Map;

/** A fixed catalog shaped like the engine's actors, so DSL tests do not depend on the engine. */
final class TestCatalog {
  private TestCatalog() {}

  static ActorCatalog actors() {
    return ActorCatalog.of(
        List.of(
            new ActorSignature(
                "impact_analysis",
                "who and what is affected",
                List.of(required("service", Type.SERVICE), required("window", Type.WINDOW)),
                Map.of(
                    "failing_services",
                    Type.listOf(Type.SERVICE),
                    "routes",
                    Type.listOf(Type.STRING),
                    "error_rate",
                    Type.NUMBER,
                    "users",
                    Type.NUMBER)),
            new ActorSignature(
                "error_localization",
                "where errors originate",
                List.of(
                    required("services", Type.listOf(Type.SERVICE)),
                    required("window", Type.WINDOW)),
                Map.of(
                    "found", Type.BOOL,
                    "exceptions", Type.listOf(Type.STRING),
                    "origin", Type.SERVICE)),
            new ActorSignature(
                "code_analysis",
                "map exceptions to source lines",
                List.of(required("exceptions", Type.listOf(Type.STRING))),
                Map.of("found", Type.BOOL, "file", Type.STRING)),
            new ActorSignature(
                "infra_analysis",
                "host resources",
                List.of(
                    required("hosts", Type.listOf(Type.HOST)),
                    optional("signals", Type.listOf(Type.SYMBOL)),
                    optional("lookback", Type.DURATION)),
                Map.of("anomalous", Type.BOOL, "hosts", Type.listOf(Type.HOST))),
            new ActorSignature(
                "metric_anomaly",
                "anomalies against a seasonal baseline",
                List.of(
                    required("service", Type.SERVICE),
                    required("window", Type.WINDOW),
                    optional("metric", Type.STRING),
                    optional("threshold", Type.NUMBER)),
                Map.of(
                    "anomalous",
                    Type.BOOL,
                    "score",
                    Type.NUMBER,
                    "detail",
                    new Type.Record(Map.of("metric", Type.STRING, "shift", Type.NUMBER)))),
            new ActorSignature(
                "change_correlation",
                "deploys and config changes near the onset",
                List.of(required("service", Type.SERVICE), required("window", Type.WINDOW)),
                Map.of("found", Type.BOOL, "changes", Type.listOf(Type.STRING)))));
  }
}
