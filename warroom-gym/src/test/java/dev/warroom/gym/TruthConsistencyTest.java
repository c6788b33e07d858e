package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.FaultClass;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.Severity;
import dev.warroom.model.SourceFile;
import dev.warroom.store.bundle.BundleReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthConsistencyTest {
  @TempDir Path tmp;

  @Test
  void oomFaultHasOomKilledEventsAndAMemoryCurveThatReachesTheLimit() {
    Episode ep = Episodes.run("bank", FaultType.MEMORY_EXHAUSTION, 5);
    GroundTruth t = ep.truth();
    List<KubernetesEvent> ooms =
        ep.bundle().events().stream()
            .filter(e -> e instanceof KubernetesEvent k && k.reason().equals("OOMKilled"))
            .map(e -> (KubernetesEvent) e)
            .toList();
    assertThat(ooms)
        .isNotEmpty()
        .allSatisfy(k -> assertThat(k.service()).isEqualTo(t.rootCauseService()));
    for (KubernetesEvent oom : ooms) {
      MetricSeries ws = series(ep, "container_memory_working_set_bytes", oom.object().name());
      MetricSeries limit = series(ep, "container_spec_memory_limit_bytes", oom.object().name());
      double before = valueBefore(ws, oom.firstSeen());
      assertThat(before)
          .as("working set just before the kill")
          .isGreaterThan(0.9 * limit.valueAt(0));
      assertThat(valueBefore(ws, t.onset()))
          .as("working set before onset")
          .isLessThan(0.7 * limit.valueAt(0));
    }
  }

  @Test
  void codeFaultStackTracesPointAtTheFaultyLineOfTheSnapshot() {
    for (String topology : List.of("bank", "shop", "market")) {
      Episode ep = Episodes.run(topology, FaultType.NULL_DEREFERENCE, 3);
      GroundTruth t = ep.truth();
      String[] ref = t.codeRef().split(":");
      SourceFile file =
          ep.bundle().code().stream()
              .filter(f -> f.service().equals(t.rootCauseService()) && f.path().equals(ref[0]))
              .findFirst()
              .orElseThrow();
      String line = file.content().split("\n")[Integer.parseInt(ref[1]) - 1];
      assertThat(line).as(topology + " faulty line").containsIgnoringCase("region");
      String fileName = ref[0].substring(ref[0].lastIndexOf('/') + 1);
      List<LogRecord> traces =
          ep.bundle().logs().stream()
              .filter(
                  r ->
                      r.service().equals(t.rootCauseService())
                          && r.severity().atLeast(Severity.ERROR))
              .filter(
                  r ->
                      r.body().contains(fileName + ":" + ref[1])
                          || r.body().contains(fileName + "\", line " + ref[1]))
              .toList();
      assertThat(traces)
          .as(topology + ": error logs whose stack names " + t.codeRef())
          .isNotEmpty();
    }
  }

  @Test
  void cascadeRunsFromTheCauseToTheAlertingServiceAndTheSymptomIsThere() {
    Episode ep = Episodes.run("shop", FaultType.TLS_CERT_EXPIRED, 8);
    GroundTruth t = ep.truth();
    assertThat(t.causalChain()).first().isEqualTo("service:" + t.rootCauseService());
    assertThat(t.causalChain()).last().isEqualTo("service:" + t.alertService());
    assertThat(t.alertService()).isNotEqualTo(t.rootCauseService());
    MetricSeries err =
        ep.bundle().metrics().stream()
            .filter(
                m ->
                    m.key().name().equals("http_server_error_ratio")
                        && t.alertService().equals(m.key().label("service")))
            .findFirst()
            .orElseThrow();
    assertThat(maxBetween(err, t.onset(), t.alertAt().plusSeconds(1)))
        .isGreaterThan(5 * maxBetween(err, t.onset().minusSeconds(600), t.onset()));
    // every link of the chain calls the next one
    List<String> svcs = t.causalChain().stream().map(s -> s.substring(s.indexOf(':') + 1)).toList();
    for (int i = 0; i + 1 < svcs.size(); i++) {
      String callee = svcs.get(i);
      String caller = svcs.get(i + 1);
      assertThat(ep.bundle().topology().calleesOf(caller)).contains(callee);
    }
  }

  @Test
  void controlEpisodesCarryNoFault() {
    Episode ep = Episodes.run("market", null, 19);
    GroundTruth t = ep.truth();
    assertThat(t.control()).isTrue();
    assertThat(t.faultClass()).isEqualTo(FaultClass.NONE);
    assertThat(t.rootCauseService()).isNull();
    assertThat(t.causalChain()).isEmpty();
    assertThat(ep.alert()).isNotNull();
    Set<String> reasons =
        ep.bundle().events().stream()
            .filter(e -> e instanceof KubernetesEvent)
            .map(e -> ((KubernetesEvent) e).reason())
            .collect(Collectors.toSet());
    assertThat(reasons)
        .doesNotContain("OOMKilled", "BackOff", "NodeNotReady", "EvictionThresholdMet");
    assertThat(ep.bundle().events()).noneMatch(e -> e instanceof ConfigChange);
    Set<String> herringServices =
        t.redHerrings().stream()
            .map(GroundTruth.RedHerringTruth::service)
            .collect(Collectors.toSet());
    assertThat(ep.bundle().events())
        .filteredOn(e -> e instanceof Deploy)
        .allMatch(d -> herringServices.contains(d.service()));
  }

  @Test
  void bundlesPassValidationAndTruthReadsBack() {
    Episode ep = Episodes.run("market", FaultType.QUEUE_BACKLOG, 4);
    Path dir = tmp.resolve("b");
    ep.write(dir);
    assertThat(BundleReader.validate(dir)).isEmpty();
    assertThat(GroundTruth.read(dir)).isEqualTo(ep.truth());
    var read = BundleReader.read(dir);
    assertThat(read.metrics()).hasSameSizeAs(ep.bundle().metrics());
    assertThat(read.logs()).hasSameSizeAs(ep.bundle().logs());
    assertThat(read.alert().service()).isEqualTo(ep.truth().alertService());
  }

  @Test
  void windowVolumesAreThoseOfARealSystem() {
    Episode ep =
        new Gym()
            .reset(
                2,
                Scenario.of(SystemCatalog.get("bank"), FaultType.CPU_HOG)
                    .withWindow(java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(1)));
    Map<String, Integer> lines = ep.logLinesByService();
    double minutes = 15;
    assertThat(lines.get("frontend") / minutes)
        .as("frontend log lines per minute")
        .isGreaterThan(200);
    long frontendSpans =
        ep.bundle().spans().stream().filter(s -> s.service().equals("frontend")).count();
    assertThat(frontendSpans / minutes).as("frontend spans per minute").isGreaterThan(200);
  }

  static MetricSeries series(Episode ep, String name, String pod) {
    return ep.bundle().metrics().stream()
        .filter(m -> m.key().name().equals(name) && pod.equals(m.key().label("pod")))
        .findFirst()
        .orElseThrow();
  }

  static double valueBefore(MetricSeries s, Instant t) {
    double v = Double.NaN;
    for (int i = 0; i < s.size() && s.timestampAt(i) < t.toEpochMilli(); i++) {
      v = s.valueAt(i);
    }
    return v;
  }

  static double maxBetween(MetricSeries s, Instant from, Instant to) {
    double max = 0;
    for (int i = 0; i < s.size(); i++) {
      if (s.timestampAt(i) >= from.toEpochMilli() && s.timestampAt(i) < to.toEpochMilli()) {
        max = Math.max(max, s.valueAt(i));
      }
    }
    return max;
  }
}
