package dev.warroom.experts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingDetectorTest {
  private static final int N = 288 * 6;

  private static long[] fiveMinuteTimestamps(int n) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_700_000_000_000L + i * 300_000L;
    }
    return ts;
  }

  /** A daily sine plus noise, with a level shift of {@code shift} from {@code at}. */
  static double[] seasonal(long seed, int at, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 288) + r.nextGaussian() + (i >= at ? shift : 0);
    }
    return v;
  }

  @Test
  void scoresPeakRightAfterAKnownLevelShift() {
    int at = 288 * 5 + 17;
    double[] s =
        StreamingDetector.withDefaults().scores(fiveMinuteTimestamps(N), seasonal(1, at, 15));
    int argmax = 0;
    for (int i = 0; i < N; i++) {
      if (s[i] > s[argmax]) {
        argmax = i;
      }
    }
    assertThat(argmax).isBetween(at, at + 6);
    assertThat(s[argmax]).isGreaterThan(0.6);
    double quietMax = Arrays.stream(s, 288, at).max().orElseThrow();
    assertThat(quietMax).isLessThan(s[argmax] * 0.7);
  }

  @Test
  void isCausalAPrefixScoresTheSameAsTheWholeSeries() {
    double[] v = seasonal(2, 288 * 5, 15);
    long[] ts = fiveMinuteTimestamps(N);
    StreamingDetector d = StreamingDetector.withDefaults();
    double[] whole = d.deviations(ts, v);
    int cut = 288 * 4 + 100;
    double[] prefix = d.deviations(Arrays.copyOf(ts, cut), Arrays.copyOf(v, cut));
    assertThat(prefix).containsExactly(Arrays.copyOf(whole, cut));
  }

  @Test
  void aDailyPeakIsNotAnAnomalyWhenItRecursEveryDay() {
    double[] v = seasonal(3, N, 0);
    double[] z = StreamingDetector.withDefaults().deviations(fiveMinuteTimestamps(N), v);
    assertThat(Arrays.stream(z, 288 * 4, N).max().orElseThrow()).isLessThan(5.0);
  }

  @Test
  void flatSeriesWithOneStepDoesNotDivideByZero() {
    double[] v = new double[N];
    Arrays.fill(v, 288 * 3, N, 1.0);
    double[] s = StreamingDetector.withDefaults().scores(fiveMinuteTimestamps(N), v);
    assertThat(Arrays.stream(s).allMatch(x -> x >= 0 && x <= 1)).isTrue();
    assertThat(s[288 * 3]).isGreaterThan(0.9);
  }

  /** Raw scores {@code level + spread·g} (g standard normal), then 6 points at {@code spike}. */
  private static double[] rawScores(long seed, double level, double spread, double spike) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] raw = new double[2006];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = i >= 2000 ? spike : level + spread * r.nextGaussian();
    }
    return raw;
  }

  @Test
  void tailLikelihoodIsRareOnNoiseAndHighOnASustainedExcursion() {
    double[] raw = rawScores(3, 0.2, 0.05, 0.5);
    double[] tail = StreamingDetector.tailLikelihood(raw, 288 * 7, 6);
    // ordinary noise stays well below the 1-in-10^5 level (0.5); six points 6 sigma up exceed it
    assertThat(Arrays.stream(tail, 0, 2000).max().orElseThrow()).isLessThan(0.45);
    assertThat(tail[2005]).isGreaterThan(0.7);
  }

  @Test
  void tailLikelihoodMeansTheSameOnCalmAndSpikySeries() {
    // the same excursion in units of each series' own spread gives the same calibrated score,
    // whatever the level and spread of the raw scores: what makes one threshold transferable
    double[] calm =
        StreamingDetector.tailLikelihood(rawScores(5, 0.1, 0.02, 0.1 + 6 * 0.02), 2016, 6);
    double[] spiky =
        StreamingDetector.tailLikelihood(rawScores(5, 0.4, 0.1, 0.4 + 6 * 0.1), 2016, 6);
    for (int t = 100; t < calm.length; t++) {
      assertThat(spiky[t])
          .as("point %d", t)
          .isCloseTo(calm[t], org.assertj.core.data.Offset.offset(1e-6));
    }
    assertThat(calm[2005]).isGreaterThan(0.5);
    assertThat(Arrays.stream(calm, 100, 2000).max().orElseThrow()).isLessThan(0.45);
  }

  @Test
  void calibrationCanBeTurnedOff() {
    long[] ts = fiveMinuteTimestamps(N);
    double[] v = seasonal(7, 288 * 5, 10);
    StreamingDetector.Config d = StreamingDetector.Config.defaults();
    double[] on = new StreamingDetector(d).scores(ts, v);
    double[] off = new StreamingDetector(d.withTail(0, d.tailRefractoryDays())).scores(ts, v);
    assertThat(on).isNotEqualTo(off);
    assertThat(Arrays.stream(on).allMatch(x -> x >= 0 && x <= 1)).isTrue();
  }
}
