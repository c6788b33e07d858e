package dev.warroom.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigator;
import dev.warroom.gym.Episode;
import dev.warroom.gym.Gym;
import dev.warroom.gym.References;
import dev.warroom.gym.Reward;
import dev.warroom.model.RcaReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The five reference incidents of the gym, investigated end to end through the embedded store. Each
 * is solved: the report finds a root cause, its top candidate is a culprit of the truth with the
 * right fault class, and it carries at least half of the evidence the truth expects (the reward's
 * evidence recall).
 */
class ReferenceIncidentsTest {
  static java.util.List<String> references() {
    return References.names();
  }

  @ParameterizedTest
  @MethodSource("references")
  void solvesTheReferenceIncidentWithItsEvidence(String name) {
    Episode ep = new Gym().reset(1, References.get(name));
    RcaReport r =
        new Investigator(Director.standard()).investigate(ep.bundle(), ep.id(), null).report();
    Reward rw = ep.reward(r);
    System.out.printf(
        "%s: truth %s %s; got %s; top1 %s top3 %s class %s recall %.2f%n",
        name,
        ep.truth().rootCauseService(),
        ep.truth().faultClass(),
        r.top() == null ? "-" : r.top().service() + " " + r.top().faultClass(),
        rw.top1(),
        rw.top3(),
        rw.faultClassMatch(),
        rw.evidenceRecall());
    assertThat(r.verdict()).as("verdict").isEqualTo(dev.warroom.model.Verdict.ROOT_CAUSE_FOUND);
    assertThat(rw.top1()).as("root cause ranked first").isTrue();
    assertThat(rw.faultClassMatch()).as("fault class of the top candidate").isTrue();
    assertThat(rw.evidenceRecall()).as("expected evidence found").isGreaterThanOrEqualTo(0.5);
  }
}
