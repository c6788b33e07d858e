package dev.warroom.cli;

import dev.warroom.store.bundle.ProgressListener;
import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, redrawn with a carriage return. Drawn only for imports
 * of more than 16 MB, so short imports and scripts see no noise.
 */
final class ProgressBar implements ProgressListener {
  private static final long MIN_BYTES = 16L << 20;
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean enabled;
  private boolean drawn;
  private int lastPercent = -1;

  ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public void progress(String file, long done, long total) {
    if (!enabled || total < MIN_BYTES) {
      return;
    }
    int percent = (int) (100 * done / Math.max(1, total));
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = percent * WIDTH / 100;
    err.printf(
        "\r[%s%s] %3d%% %,d/%,d MB %s",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        percent,
        done >> 20,
        total >> 20,
        file.length() > 40 ? "…" + file.substring(file.length() - 39) : file);
    err.flush();
    drawn = true;
  }

  void done() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
