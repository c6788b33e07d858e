package dev.warroom.store.bundle;

/**
 * Told how far a bundle read has got, in bytes of telemetry files, so a command line can draw a
 * progress bar. Called from the reading thread, at most every few hundred kilobytes.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (file, done, total) -> {};

  /** {@code file} is the bundle-relative path being read; bytes are totals over the bundle. */
  void progress(String file, long bytesDone, long bytesTotal);
}
