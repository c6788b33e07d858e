package dev.warroom.experts.metrics.nab;

import dev.warroom.experts.metrics.StreamingDetector;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs warroom's detector over a NAB corpus: one configuration ({@link
 * StreamingDetector.Config#defaults()}) for every file, causal, scores in [0, 1].
 */
public final class WarroomNabDetector {
  public static final String NAME = "warroom";

  private WarroomNabDetector() {}

  public static Map<String, double[]> scores(NabCorpus corpus, StreamingDetector detector) {
    Map<String, double[]> out = new HashMap<>();
    for (NabDataFile f : corpus.files()) {
      long[] ts = f.timestamps();
      long[] millis = new long[ts.length];
      for (int i = 0; i < ts.length; i++) {
        millis[i] = ts[i] * 1000;
      }
      out.put(f.relativePath(), detector.scores(millis, f.values()));
    }
    return out;
  }
}
