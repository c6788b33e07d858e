package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.agents.Budget;
import dev.warroom.engine.agents.DialectProfile;
import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.agents.TelemetryAgent;
import dev.warroom.model.Alert;
import dev.warroom.model.Incident;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.duckdb.DuckDbStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class RecentWindowsTest {
  private static final Instant START = InvestigationFixture.START;
  private static final Instant END = START.plus(Duration.ofMinutes(30));

  private static InvestigationContext context(Instant alertAt, Instant onset) {
    Alert a = InvestigationFixture.alert("latency", "frontend");
    Alert alert =
        new Alert(
            a.fingerprint(),
            a.source(),
            a.status(),
            a.title(),
            a.signal(),
            a.service(),
            a.severity(),
            a.labels(),
            a.annotations(),
            alertAt,
            null);
    var agent =
        new TelemetryAgent(
            new StoreTelemetrySource(DuckDbStore.inMemory()),
            DialectProfile.defaults(),
            new Budget(10, Duration.ofMinutes(1), InstantSource.system()));
    return new InvestigationContext(
        new Incident("t", alert, new TimeWindow(START, END)),
        new TimeWindow(START.minus(Duration.ofHours(1)), START),
        false,
        onset,
        "",
        agent);
  }

  @Test
  void dataStartingAfterTheEstimatedOnsetIsSplitAtTheAlert() {
    // The metrics put the onset at +5 min; the traces start at +12 min and the alert fires at
    // +13 min: the traces' only "before" is the minute before the alert.
    Instant onset = START.plus(Duration.ofMinutes(5));
    Instant alert = START.plus(Duration.ofMinutes(13));
    Instant traces = START.plus(Duration.ofMinutes(12));
    RecentWindows.Split s = RecentWindows.split(context(alert, onset), traces);
    assertThat(s.baseline()).isEqualTo(new TimeWindow(traces, alert));
    assertThat(s.incident()).isEqualTo(new TimeWindow(alert, END));
    assertThat(s.why()).contains("before the alert");
  }

  @Test
  void tooLittleDataBeforeTheAlertIsNoBaseline() {
    Instant onset = START.plus(Duration.ofMinutes(5));
    Instant alert = START.plus(Duration.ofMinutes(13));
    Instant traces = alert.minusSeconds(10);
    RecentWindows.Split s = RecentWindows.split(context(alert, onset), traces);
    assertThat(s.baseline().length()).isZero();
    assertThat(s.why()).contains("compared within it");
  }

  @Test
  void dataReachingBeforeTheOnsetUsesTheOnset() {
    Instant onset = START.plus(Duration.ofMinutes(5));
    Instant alert = START.plus(Duration.ofMinutes(13));
    RecentWindows.Split s =
        RecentWindows.split(context(alert, onset), START.plus(Duration.ofMinutes(1)));
    assertThat(s.incident().start()).isEqualTo(onset);
    assertThat(s.why()).isEqualTo("the data before the estimated onset");
  }
}
