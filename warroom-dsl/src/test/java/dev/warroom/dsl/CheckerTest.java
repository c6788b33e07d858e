package dev.warroom.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerTest {
  private static List<String> check(String body) {
    return Runbooks.check("runbook t \"t\" {\n" + body + "\n}\n", TestCatalog.actors())
        .diagnostics()
        .stream()
        .map(Diagnostic::render)
        .toList();
  }

  private static final String IMPACT =
      "step impact = impact_analysis(service: alert.service, window: alert.window)\n";

  @Test
  void acceptsAWellTypedRunbook() {
    assertThat(
            check(
                IMPACT
                    + "step e = error_localization(services: impact.failing_services,"
                    + " window: alert.window)\nrequire e.found and len(e.exceptions) > 0"))
        .isEmpty();
  }

  @Test
  void loopVariableTakesTheElementTypeOfTheList() {
    List<String> problems =
        check(
            IMPACT
                + "for s in impact.failing_services {\n"
                + "  step i = infra_analysis(hosts: s)\n"
                + "  step m = metric_anomaly(service: s, window: alert.window)\n"
                + "}");

    assertThat(problems)
        .containsExactly(
            "4:34: error: argument 'hosts' of infra_analysis needs list<host> but got service");
  }

  @Test
  void parallelBranchesDoNotSeeEachOtherButLaterStatementsSeeAll() {
    List<String> problems =
        check(
            "parallel {\n"
                + "  step a = metric_anomaly(service: alert.service, window: alert.window)\n"
                + "  require a.anomalous\n"
                + "}\n"
                + "require a.anomalous");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("4:11: error: step 'a' (defined at 3:3) is not visible");
  }

  @Test
  void hypothesisOutputsAreNotVisibleAfterTheBranch() {
    List<String> problems =
        check(
            "hypothesis \"h\" {\n"
                + "  step c = change_correlation(service: alert.service, window: alert.window)\n"
                + "  require c.found\n"
                + "}\n"
                + "require c.found");

    assertThat(problems).singleElement().asString().contains("'c'").contains("not visible");
  }

  @Test
  void brokenStepsFromTheParserAreNotReportedAgainAsUndefined() {
    CheckResult r =
        Runbooks.check(
            "runbook t \"t\" {\n step a = impact_analysis(service alert.service)\n require"
                + " a.users > 1\n}",
            TestCatalog.actors());

    assertThat(r.diagnostics()).singleElement().extracting(Diagnostic::line).isEqualTo(2);
  }

  @Test
  void stringsAndSymbolsMayNameServicesButHostsAreNotServices() {
    assertThat(check("step m = metric_anomaly(service: \"checkout\", window: alert.window)"))
        .isEmpty();
    assertThat(check("step m = metric_anomaly(service: checkout, window: alert.window)")).isEmpty();
    assertThat(
            check(
                "step m = metric_anomaly(service: first(hosts_of(alert.service)),"
                    + " window: alert.window)"))
        .singleElement()
        .asString()
        .contains("needs service but got host");
  }

  @Test
  void nestedRecordOutputsAreTyped() {
    assertThat(
            check(
                "step m = metric_anomaly(service: alert.service, window: alert.window)\n"
                    + "require m.detail.shift > 0.5 and m.detail.metric == \"cpu\""))
        .isEmpty();
    assertThat(
            check(
                "step m = metric_anomaly(service: alert.service, window: alert.window)\n"
                    + "require m.detail.shfit > 0.5"))
        .singleElement()
        .asString()
        .contains("has no field 'shfit' (did you mean 'shift'?)");
  }

  @Test
  void aCatalogWithoutTheActorReportsItUnknown() {
    CheckResult r =
        Runbooks.check(
            "runbook t \"t\" { step x = impact_analysis(service: alert.service, window:"
                + " alert.window) }",
            ActorCatalog.of(List.of()));

    assertThat(r.errors())
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .startsWith("unknown actor 'impact_analysis'");
  }
}
