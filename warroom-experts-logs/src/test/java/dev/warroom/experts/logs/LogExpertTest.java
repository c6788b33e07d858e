package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LogExpertTest {
  private static final Instant START = Instant.parse("2026-01-10T11:00:00Z");
  private static final Instant ONSET = START.plus(Duration.ofHours(1));

  /** Gym-shaped traffic: access logs and heartbeats at steady rates, seeded. */
  static List<LogRecord> steady(Instant from, Duration length, RandomGenerator rnd) {
    List<LogRecord> out = new ArrayList<>();
    for (long s = 0; s < length.toSeconds(); s += 2) {
      Instant t = from.plusSeconds(s);
      out.add(
          LogRecord.of(
              t,
              "cart",
              Severity.INFO,
              "GET /cart/" + rnd.nextInt(10_000) + " 200 " + (5 + rnd.nextInt(40)) + "ms"));
      if (s % 30 == 0) {
        out.add(
            LogRecord.of(t, "cart", Severity.INFO, "redis pool stats active=" + rnd.nextInt(8)));
      }
    }
    return out;
  }

  @Test
  void reportsNewConnectionRefusedErrorsWithTraceAndEntities() {
    RandomGenerator rnd = RandomGenerator.of("L64X128MixRandom");
    List<LogRecord> baseline = steady(START, Duration.ofHours(1), rnd);
    List<LogRecord> incident = new ArrayList<>(steady(ONSET, Duration.ofMinutes(10), rnd));
    for (int i = 0; i < 30; i++) {
      Instant t = ONSET.plusSeconds(60 + i * 10);
      Map<String, String> pod = Map.of("pod", "cart-5d8f9c7b6d-qx2lp");
      incident.add(
          new LogRecord(
              t,
              "cart",
              Severity.ERROR,
              "Failed to load cart "
                  + (1000 + i)
                  + ": dial tcp 10.0.3.7:6379: connect: connection refused",
              pod,
              null,
              null));
      incident.add(
          new LogRecord(
              t, "cart", Severity.ERROR, "\tat shop.Cart.load(Cart.java:42)", pod, null, null));
    }
    LogAnalysis a =
        LogExpert.analyze(
            baseline,
            new TimeWindow(START, ONSET),
            incident,
            TimeWindow.of(ONSET, Duration.ofMinutes(10)));

    assertThat(a.shifts().get(0).kind()).isEqualTo(TemplateShift.Kind.NEW);
    assertThat(a.shifts().get(0).incidentCount()).isEqualTo(30);
    assertThat(a.shifts().get(0).examples().get(0)).contains("Cart.java:42");
    assertThat(a.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION_REFUSED);
              assertThat(e.entities()).extracting(Entity::value).contains("10.0.3.7:6379");
            });
    Finding f = a.findings().get(0);
    assertThat(f.expert()).isEqualTo("logs");
    assertThat(f.service()).isEqualTo("cart");
    assertThat(f.onset()).isEqualTo(ONSET.plusSeconds(60));
    assertThat(f.score()).isGreaterThan(0.8);
    assertThat(f.faultClass()).isNull();
    assertThat(f.evidence().get(0).kind()).isEqualTo(EvidenceKind.LOG);
    assertThat(a.shifts())
        .filteredOn(s -> s.template().startsWith("GET"))
        .allSatisfy(s -> assertThat(s.kind()).isEqualTo(TemplateShift.Kind.UNCHANGED));
  }

  @Test
  void shiftsAreCountedPerServiceSoTheSurgingServiceIsNamed() {
    List<LogRecord> baseline = new ArrayList<>();
    List<LogRecord> incident = new ArrayList<>();
    for (int s = 0; s < 3600; s += 60) {
      for (String svc : List.of("cart", "web")) {
        baseline.add(
            LogRecord.of(
                START.plusSeconds(s), svc, Severity.WARN, "retrying call to db after 50 ms"));
      }
    }
    for (int s = 0; s < 600; s += 2) {
      incident.add(
          LogRecord.of(
              ONSET.plusSeconds(s), "cart", Severity.WARN, "retrying call to db after 50 ms"));
    }
    for (int s = 0; s < 600; s += 60) {
      incident.add(
          LogRecord.of(
              ONSET.plusSeconds(s), "web", Severity.WARN, "retrying call to db after 50 ms"));
    }
    LogAnalysis a =
        LogExpert.analyze(
            baseline,
            new TimeWindow(START, ONSET),
            incident,
            TimeWindow.of(ONSET, Duration.ofMinutes(10)));
    assertThat(a.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.service()).isEqualTo("cart"));
    assertThat(a.shifts())
        .filteredOn(s -> "web".equals(s.service()))
        .singleElement()
        .satisfies(s -> assertThat(s.kind()).isEqualTo(TemplateShift.Kind.UNCHANGED));
  }

  @Test
  void quietIncidentYieldsNoFindings() {
    RandomGenerator rnd = RandomGenerator.of("L64X128MixRandom");
    LogAnalysis a =
        LogExpert.analyze(
            steady(START, Duration.ofHours(1), rnd),
            new TimeWindow(START, ONSET),
            steady(ONSET, Duration.ofMinutes(10), rnd),
            TimeWindow.of(ONSET, Duration.ofMinutes(10)));
    assertThat(a.findings()).isEmpty();
    assertThat(a.templates()).hasSizeBetween(2, 3);
  }

  @Test
  void oomErrorsPointToMemoryExhaustion() {
    List<LogRecord> incident = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      incident.add(
          LogRecord.of(
              ONSET.plusSeconds(i),
              "search",
              Severity.ERROR,
              "java.lang.OutOfMemoryError: Java heap space"));
    }
    LogAnalysis a =
        LogExpert.analyze(
            List.of(),
            new TimeWindow(START, ONSET),
            incident,
            TimeWindow.of(ONSET, Duration.ofMinutes(5)));
    assertThat(a.findings())
        .singleElement()
        .extracting(Finding::faultClass)
        .isEqualTo(FaultClass.MEMORY_EXHAUSTION);
  }
}
