package dev.warroom.experts.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.Deploy;
import dev.warroom.model.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events expert on Otrashi gym episodes: the alert's start stands in for the onset. */
class GymEventsTest {

  static Episode episode(FaultType fault, long seed) {
    // the shop topology has no database; disk faults need the bank's
    String system = fault == FaultType.DISK_FULL ? "bank" : "shop";
    // few traces: this expert reads events only, and episodes generate faster
    return new Gym()
        .reset(seed, Scenario.of(SystemCatalog.get(system), fault).withTracesPerMinute(5));
  }

  static List<Finding> findings(Episode e) {
    return EventExpert.analyze(
        e.bundle().events(), e.alert().service(), e.alert().startsAt(), e.bundle().topology(), 0.0);
  }

  @Test
  void namesTheInjectedFaultClassFromKubernetesEvents() {
    // WRONG_ARCHITECTURE: Kubernetes reports BackOff (a crash loop), the restart reason says
    // "exec format error"; the more specific diagnosis must win.
    for (FaultType fault :
        List.of(
            FaultType.MEMORY_EXHAUSTION,
            FaultType.CRASH_LOOP_BAD_CONFIG,
            FaultType.DISK_FULL,
            FaultType.WRONG_ARCHITECTURE)) {
      for (long seed = 1; seed <= 1; seed++) {
        Episode e = episode(fault, seed);
        Finding top =
            findings(e).stream().filter(f -> f.faultClass() != null).findFirst().orElseThrow();
        System.out.printf("%s seed %d -> %s (%s)%n", fault, seed, top.faultClass(), top.summary());
        assertThat(top.faultClass()).as(fault + " seed " + seed).isEqualTo(e.truth().faultClass());
      }
    }
  }

  @Test
  void ranksTheBadDeployFirstAmongChanges() {
    for (long seed = 1; seed <= 2; seed++) {
      Episode e = episode(FaultType.BAD_DEPLOY, seed);
      List<RankedChange> ranked =
          ChangeCorrelator.rank(
              e.bundle().events().stream().filter(x -> x instanceof Deploy).toList(),
              e.alert().service(),
              e.alert().startsAt(),
              e.bundle().topology());
      System.out.printf("BAD_DEPLOY seed %d -> %s%n", seed, ranked.get(0).reason());
      assertThat(ranked.get(0).change().service()).isEqualTo(e.truth().rootCauseService());
    }
  }
}
