package dev.warroom.assist.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.assist.TestReports;
import dev.warroom.model.RcaReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceCheckTest {
  private final RcaReport report = TestReports.poolExhaustion();

  @Test
  void keepsSupportedAndDropsUnsupportedSentencesOfTheCorpus() {
    List<String> lines = Corpora.lines("sentences.tsv");
    assertThat(lines).hasSizeGreaterThanOrEqualTo(50);
    List<String> wrong = new ArrayList<>();
    int keep = 0;
    int drop = 0;
    for (String line : lines) {
      String[] f = line.split("\t", 2);
      boolean expectKeep = f[0].equals("keep");
      SentenceCheck.Result r = SentenceCheck.check(report, f[1]);
      boolean kept = r.dropped().isEmpty() && r.kept().size() == 1;
      if (kept != expectKeep) {
        wrong.add(f[0] + ": " + f[1] + " -> " + r);
      }
      if (expectKeep) {
        keep++;
      } else {
        drop++;
      }
    }
    assertThat(keep).isGreaterThanOrEqualTo(20);
    assertThat(drop).isGreaterThanOrEqualTo(20);
    assertThat(wrong).isEmpty();
  }

  @Test
  void checksEachSentenceOfAParagraphOnItsOwnAndSaysWhatItDropped() {
    SentenceCheck.Result r =
        SentenceCheck.check(
            report,
            "checkout's pool is exhausted (see E2). The ledger service is down too. Requests"
                + " wait 30000ms, e.g. at 09:12. Roll back to v2.3.1 now!");
    assertThat(r.kept())
        .containsExactly(
            "checkout's pool is exhausted (see E2).", "Requests wait 30000ms, e.g. at 09:12.");
    assertThat(r.dropped())
        .extracting(SentenceCheck.Dropped::unsupported)
        .containsExactly(List.of("ledger"), List.of("v2.3.1"));
  }
}
