package dev.warroom.experts.metrics.nab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.experts.metrics.StreamingDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written NAB-shaped corpus with two categories, one of whose files has timestamps that go
 * back and repeat, a blank line, a row with a bad value, one with a bad timestamp and one with too
 * many cells: it loads, every bad row is listed as {@code file:line: what}, and it is scored.
 */
class MessyNabCorpusTest {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final LocalDateTime T0 = LocalDateTime.of(2014, 4, 1, 0, 0);

  @TempDir Path root;

  private static String ts(int step) {
    return T0.plusMinutes(5L * step).format(TS);
  }

  /** Writes a corpus: catA/clean.csv and catB/messy.csv, 400 rows each, a spike in each window. */
  private void writeCorpus() throws IOException {
    Files.createDirectories(root.resolve("data/catA"));
    Files.createDirectories(root.resolve("data/catB"));
    Files.createDirectories(root.resolve("labels"));
    Files.createDirectories(root.resolve("config"));
    List<String> clean = new ArrayList<>(List.of("timestamp,value"));
    for (int i = 0; i < 400; i++) {
      clean.add(ts(i) + "," + (i == 300 ? 90 : 10 + i % 3));
    }
    Files.write(root.resolve("data/catA/clean.csv"), clean);
    List<String> messy = new ArrayList<>(List.of("timestamp,value"));
    for (int i = 0; i < 400; i++) {
      messy.add(ts(i) + "," + (i == 250 ? 80 : 20 + i % 2));
      if (i == 100) {
        messy.add(ts(90) + ",21"); // line 103: time goes back 50 minutes
        messy.add(ts(90) + ",20"); // line 104: and repeats
        messy.add(""); // line 105: blank
        messy.add(ts(101) + ",abc"); // line 106: not a number
        messy.add("2014-13-45 99:00:00,3"); // line 107: bad timestamp
        messy.add(ts(101) + ",4,5"); // line 108: three cells
      }
    }
    Files.write(root.resolve("data/catB/messy.csv"), messy);
    Files.writeString(
        root.resolve("labels/combined_windows.json"),
        """
        {"catA/clean.csv": [["%s.000000", "%s.000000"]],
         "catB/messy.csv": [["%s.000000", "%s.000000"]]}
        """
            .formatted(ts(290), ts(320), ts(240), ts(270)));
    Files.writeString(
        root.resolve("config/profiles.json"),
        """
        {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11}},
         "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22}},
         "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11}}}
        """);
  }

  @Test
  void scoresAFileWhoseTimeGoesBackAndListsEveryBadRow() throws IOException {
    writeCorpus();
    NabCorpus corpus = NabCorpus.load(root);
    assertThat(corpus.files()).hasSize(2);
    NabDataFile messy = corpus.files().get(1);
    // 400 good rows plus the 2 out-of-order rows kept in file order; 3 bad rows skipped
    assertThat(messy.size()).isEqualTo(402);
    assertThat(messy.timestamps()[101]).isLessThan(messy.timestamps()[100]);
    assertThat(messy.timestamps()[102]).isEqualTo(messy.timestamps()[101]);
    String file = root.resolve("data/catB/messy.csv").toString();
    assertThat(corpus.dataIssues())
        .anySatisfy(i -> assertThat(i).startsWith(file + ":103: timestamp goes back 3000 s"))
        .anySatisfy(i -> assertThat(i).startsWith(file + ":106: not a number: 'abc'"))
        .anySatisfy(i -> assertThat(i).startsWith(file + ":107: bad timestamp"))
        .anySatisfy(i -> assertThat(i).startsWith(file + ":108: 3 cells, header has 2"))
        .noneSatisfy(i -> assertThat(i).contains(":105:"))
        .hasSize(4);
    // the window is placed on the rows after the backward jump, in file order
    int[] rows = messy.windowRows()[0];
    assertThat(messy.timestamps()[rows[0]]).isEqualTo(messy.windows().get(0).startSecond());
    assertThat(rows[0]).isEqualTo(242);

    NabReport report =
        NabEvaluation.evaluate(
            corpus, "warroom", WarroomNabDetector.scores(corpus, StreamingDetector.withDefaults()));
    ProfileScore standard = report.profile("standard");
    assertThat(standard.files()).hasSize(2);
    // both spikes are found early in their windows: well above the null detector's 0
    assertThat(standard.normalizedScore()).isGreaterThan(50);
  }

  @Test
  void eachHeldOutCategoryIsScoredWithSettingsChosenOnTheOtherOnly() throws IOException {
    writeCorpus();
    NabCorpus corpus = NabCorpus.load(root);
    StreamingDetector.Config good4A = StreamingDetector.Config.defaults();
    StreamingDetector.Config good4B = NabLeaveOneCategoryOut.grid().get(1);
    // config good4A detects catA's anomaly and misses catB's; good4B the reverse
    Map<StreamingDetector.Config, Map<String, double[]>> scores = new HashMap<>();
    for (StreamingDetector.Config c : List.of(good4A, good4B)) {
      Map<String, double[]> m = new HashMap<>();
      for (NabDataFile f : corpus.files()) {
        double[] s = new double[f.size()];
        boolean hits = (c == good4A) == f.relativePath().startsWith("catA");
        if (hits) {
          s[f.windowRows()[0][0] + 2] = 1.0;
        }
        m.put(f.relativePath(), s);
      }
      scores.put(c, m);
    }
    NabLeaveOneCategoryOut.Result r =
        NabLeaveOneCategoryOut.run(corpus, List.of(good4A, good4B), scores::get);
    assertThat(r.folds()).hasSize(2);
    NabLeaveOneCategoryOut.Fold heldA = r.folds().get(0);
    assertThat(heldA.heldOut()).isEqualTo("catA");
    assertThat(heldA.training()).containsExactly("catB");
    // chosen on catB alone: the config that misses catA; had it seen catA it would pick good4A
    assertThat(heldA.config()).isSameAs(good4B);
    assertThat(r.folds().get(1).config()).isSameAs(good4A);
    // so the honest LOCO score misses both windows, while the all-in figure finds one
    assertThat(r.loco().get(0).normalizedScore())
        .isLessThan(r.allIn().profiles().get(0).normalizedScore());
  }
}
