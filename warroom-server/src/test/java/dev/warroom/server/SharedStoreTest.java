package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedStoreTest {
  static final Instant T0 = Instant.parse("2026-03-09T03:53:15Z");

  static Alert alertAt(Instant startsAt, Instant endsAt) {
    return new Alert(
        "fp",
        AlertSource.ALERTMANAGER,
        AlertStatus.FIRING,
        "5xx of frontend",
        "error_rate",
        "frontend",
        "critical",
        Map.of(),
        Map.of(),
        startsAt,
        endsAt);
  }

  @Test
  void anInvestigationSeesTheStoreRangeClippedToItsAlert() {
    try (DuckDbStore db = DuckDbStore.inMemory()) {
      List<LogRecord> logs =
          List.of(
              LogRecord.of(T0.minus(Duration.ofDays(10)), "cart", Severity.INFO, "old"),
              LogRecord.of(T0.minus(Duration.ofDays(1)), "cart", Severity.INFO, "baseline"),
              LogRecord.of(T0.plus(Duration.ofHours(3)), "cart", Severity.ERROR, "later"));
      db.ingest(new IncidentBundle(null, null, List.of(), logs, List.of(), List.of(), null, null));
      SharedStore shared = new SharedStore(db);

      TimeWindow whole = shared.summary().timeRange();
      TimeWindow firing = shared.forAlert(alertAt(T0, null)).summary().timeRange();
      TimeWindow resolved =
          shared.forAlert(alertAt(T0, T0.plus(Duration.ofMinutes(20)))).summary().timeRange();
      TimeWindow none =
          shared.forAlert(alertAt(T0.plus(Duration.ofDays(30)), null)).summary().timeRange();

      // the store's range ends just after its last record (end exclusive)
      assertThat(whole)
          .isEqualTo(
              new TimeWindow(
                  T0.minus(Duration.ofDays(10)), T0.plus(Duration.ofHours(3)).plusNanos(1)));
      assertThat(firing)
          .isEqualTo(new TimeWindow(T0.minus(Duration.ofDays(4)), T0.plus(Duration.ofHours(1))));
      assertThat(resolved.end()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
      assertThat(none).as("no telemetry in the alert's scope").isNull();
      assertThat(shared.forAlert(alertAt(T0, null)).summary().logRecords()).isEqualTo(3);
    }
  }

  @Test
  void anInvestigationSeesTheDatabaseStatisticsOfTheStore() {
    try (DuckDbStore db = DuckDbStore.inMemory()) {
      TimeWindow w = new TimeWindow(T0, T0.plus(Duration.ofMinutes(15)));
      var stats =
          new dev.warroom.model.DatabaseStats(
              "orders-db",
              "postgresql",
              null,
              new dev.warroom.model.DbStatementWindow(w, List.of()),
              List.of(),
              List.of());
      db.ingest(
          new IncidentBundle(null, null, List.of(), List.of(), List.of(), List.of(), null, null)
              .withDatabases(List.of(stats)));
      SharedStore shared = new SharedStore(db);

      assertThat(shared.forAlert(alertAt(T0, null)).databases(null).rows())
          .extracting(dev.warroom.model.DatabaseStats::component)
          .containsExactly("orders-db");
    }
  }

  @Test
  void databaseStatisticsOfAnotherTimeAreNotSeenByAnInvestigation() {
    try (DuckDbStore db = DuckDbStore.inMemory()) {
      TimeWindow w = new TimeWindow(T0, T0.plus(Duration.ofMinutes(15)));
      var stats =
          new dev.warroom.model.DatabaseStats(
              "accounts-db",
              "postgresql",
              null,
              new dev.warroom.model.DbStatementWindow(w, List.of()),
              List.of(),
              List.of());
      db.ingest(
          new IncidentBundle(null, null, List.of(), List.of(), List.of(), List.of(), null, null)
              .withDatabases(List.of(stats)));
      SharedStore shared = new SharedStore(db);

      assertThat(shared.forAlert(alertAt(T0.plus(Duration.ofMinutes(5)), null)).databases(null))
          .extracting(r -> r.rows().size())
          .isEqualTo(1);
      assertThat(
              shared.forAlert(alertAt(T0.plus(Duration.ofDays(21)), null)).databases(null).rows())
          .as("an alert three weeks later")
          .isEmpty();
      assertThat(
              shared.forAlert(alertAt(T0.plus(Duration.ofHours(3)), null)).databases("accounts-db"))
          .extracting(r -> r.rows().size())
          .as("an alert three hours after the statistics' window")
          .isEqualTo(0);
      assertThat(
              shared
                  .forAlert(alertAt(T0.plus(Duration.ofDays(21)), null))
                  .databases(null)
                  .nativeQuery())
          .contains("incident window overlapping");
    }
  }

  @Test
  void aDeclaredWindowAndBaselineBoundTheRangeAnInvestigationSees() {
    try (DuckDbStore db = DuckDbStore.inMemory()) {
      List<LogRecord> logs =
          List.of(
              LogRecord.of(T0.minus(Duration.ofDays(10)), "cart", Severity.INFO, "old"),
              LogRecord.of(T0.minus(Duration.ofDays(1)), "cart", Severity.INFO, "baseline"),
              LogRecord.of(T0.plus(Duration.ofHours(3)), "cart", Severity.ERROR, "later"));
      db.ingest(new IncidentBundle(null, null, List.of(), logs, List.of(), List.of(), null, null));
      SharedStore shared = new SharedStore(db);
      TimeWindow declared = new TimeWindow(T0.minus(Duration.ofMinutes(30)), T0.plusSeconds(600));
      TimeWindow baseline =
          new TimeWindow(T0.minus(Duration.ofDays(9)), T0.minus(Duration.ofDays(8)));

      assertThat(
              shared
                  .forAlert(alertAt(T0, null), new SharedStore.Declared(declared, null))
                  .summary()
                  .timeRange())
          .isEqualTo(new TimeWindow(declared.start().minus(SharedStore.BASELINE), declared.end()));
      assertThat(
              shared
                  .forAlert(alertAt(T0, null), new SharedStore.Declared(declared, baseline))
                  .summary()
                  .timeRange())
          .as("a declared baseline nine days back stays in range")
          .isEqualTo(new TimeWindow(baseline.start(), declared.end()));
    }
  }

  @Test
  void declaredWindowsRoundTripThroughTheirDatabaseForm() {
    TimeWindow w = new TimeWindow(T0, T0.plusSeconds(60));
    var d = new SharedStore.Declared(w, null);
    assertThat(SharedStore.Declared.parse(d.toJson())).isEqualTo(d);
    assertThat(SharedStore.Declared.parse(null)).isEqualTo(SharedStore.Declared.NONE);
    assertThat(new SharedStore.Declared(w, w).toJson()).contains("\"baseline\"");
  }
}
