package dev.warroom.gym;

import java.time.Duration;
import java.time.Instant;

/**
 * The sample times of an episode: the baseline history at a coarse step (5 min, like a downsampled
 * long-term store) followed by the incident window at a fine step (15 s, a Prometheus scrape
 * interval). One series covers both, so "normal" and "now" share a key.
 */
final class Timeline {
  static final long BASELINE_STEP_MILLIS = 300_000;
  static final long WINDOW_STEP_MILLIS = 15_000;

  final long windowStart;
  final long windowEnd;
  final long[] times;
  final int firstWindowStep;

  Timeline(Instant windowStart, Duration window, Duration baseline) {
    this.windowStart = windowStart.toEpochMilli();
    this.windowEnd = this.windowStart + window.toMillis();
    int nBase = (int) (baseline.toMillis() / BASELINE_STEP_MILLIS);
    int nWin = (int) (window.toMillis() / WINDOW_STEP_MILLIS);
    times = new long[nBase + nWin];
    for (int i = 0; i < nBase; i++) {
      times[i] = this.windowStart - (long) (nBase - i) * BASELINE_STEP_MILLIS;
    }
    for (int i = 0; i < nWin; i++) {
      times[nBase + i] = this.windowStart + (long) i * WINDOW_STEP_MILLIS;
    }
    firstWindowStep = nBase;
  }

  int size() {
    return times.length;
  }

  int windowSteps() {
    return times.length - firstWindowStep;
  }

  double stepSeconds(int i) {
    return (i < firstWindowStep ? BASELINE_STEP_MILLIS : WINDOW_STEP_MILLIS) / 1000.0;
  }

  /** The window step that contains the time (clamped to the window). */
  int windowStepAt(long millis) {
    long k = (millis - windowStart) / WINDOW_STEP_MILLIS;
    return (int) Math.max(0, Math.min(windowSteps() - 1, k));
  }
}
