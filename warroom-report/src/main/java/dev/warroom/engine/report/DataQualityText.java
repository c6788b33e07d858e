package dev.warroom.engine.report;

import dev.warroom.model.DataQuality;
import dev.warroom.model.FileQuality;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Sentences of the data-quality section, shared by the Markdown and HTML renderers. */
final class DataQualityText {
  private DataQualityText() {}

  /** True when the report carries an account of a bundle load. */
  static boolean present(DataQuality q) {
    return !q.files().isEmpty() || !q.notes().isEmpty();
  }

  /** "Loaded 41,359 records from 4 files; skipped 1 record in 1 file." */
  static String headline(DataQuality q) {
    long files = q.files().size();
    long bad = q.files().stream().filter(f -> f.skippedTotal() > 0).count();
    String loaded =
        String.format(
            Locale.ROOT,
            "Loaded %,d record%s from %d file%s",
            q.recordsTotal(),
            q.recordsTotal() == 1 ? "" : "s",
            files,
            files == 1 ? "" : "s");
    if (q.skippedTotal() == 0) {
      return loaded + "; nothing was skipped.";
    }
    return loaded
        + String.format(
            Locale.ROOT,
            "; skipped %,d record%s in %d file%s (each counted below, the first %s listed).",
            q.skippedTotal(),
            q.skippedTotal() == 1 ? "" : "s",
            bad,
            bad == 1 ? "" : "s",
            "of each file");
  }

  /** "2 × /ts: not a timestamp; 1 × duplicate sample", or "—". */
  static String counts(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "—";
    }
    return counts.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%,d × %s", e.getValue(), e.getKey()))
        .collect(Collectors.joining("; "));
  }

  static String records(FileQuality f) {
    return String.format(Locale.ROOT, "%,d", f.records());
  }
}
