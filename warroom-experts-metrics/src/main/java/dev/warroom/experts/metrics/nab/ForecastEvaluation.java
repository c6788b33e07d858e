package dev.warroom.experts.metrics.nab;

import dev.warroom.experts.metrics.HoltWinters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Short-term forecast accuracy on NAB series: each file's last day is held back, Holt-Winters
 * ({@link HoltWinters#fit}, season from {@link HoltWinters#seasonalPeriod}) is fitted on the rest,
 * and its MAPE on the held-back day is compared with the seasonal-naive forecast (yesterday's
 * values).
 */
public final class ForecastEvaluation {
  private ForecastEvaluation() {}

  /** One file's result; MAPE in percent (NaN when the held-back day is all zeros). */
  public record FileForecast(
      String relativePath, int horizon, double holtWintersMape, double naiveMape, String model) {}

  /** Per-file results and the medians over files with a defined MAPE. */
  public record Result(
      List<FileForecast> files, double medianHoltWintersMape, double medianNaiveMape) {
    public Result {
      files = List.copyOf(files);
    }
  }

  public static Result onCorpus(NabCorpus corpus) {
    List<FileForecast> out = new ArrayList<>();
    for (NabDataFile f : corpus.files()) {
      long[] ts = f.timestamps();
      long step = Math.max(1, (ts[ts.length - 1] - ts[0]) / (ts.length - 1));
      int day = (int) Math.max(2, Math.round(86_400.0 / step));
      double[] v = f.values();
      if (v.length < 3 * day) {
        continue;
      }
      double[] train = Arrays.copyOf(v, v.length - day);
      double[] actual = Arrays.copyOfRange(v, v.length - day, v.length);
      HoltWinters model = HoltWinters.fit(train, HoltWinters.seasonalPeriod(step, train.length));
      double hw = HoltWinters.mape(actual, model.forecast(day));
      double naive = HoltWinters.mape(actual, HoltWinters.seasonalNaive(train, day, day));
      out.add(new FileForecast(f.relativePath(), day, hw, naive, model.toString()));
    }
    return new Result(
        out,
        median(out.stream().mapToDouble(FileForecast::holtWintersMape)),
        median(out.stream().mapToDouble(FileForecast::naiveMape)));
  }

  private static double median(java.util.stream.DoubleStream values) {
    double[] v = values.filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
