package dev.warroom.model;

import java.util.List;

/**
 * The data-quality account of a bundle load: one {@link FileQuality} per file read, in path order,
 * and the bundle-wide rules that were applied ({@code notes}, e.g. the time span outside which a
 * record's clock was taken as wrong). A report carries it so that nothing the user sent is silently
 * lost: each skipped record is counted under its file and reason.
 */
public record DataQuality(List<FileQuality> files, List<String> notes) {
  public DataQuality {
    files = files == null ? List.of() : List.copyOf(files);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** No account (a bundle loaded from memory, or a report made without a bundle). */
  public static DataQuality none() {
    return new DataQuality(List.of(), List.of());
  }

  /** Records dropped across all files. */
  public long skippedTotal() {
    return files.stream().mapToLong(FileQuality::skippedTotal).sum();
  }

  /** Records loaded across all files. */
  public long recordsTotal() {
    return files.stream().mapToLong(FileQuality::records).sum();
  }

  /** True when no file had anything skipped or noted. */
  public boolean clean() {
    return files.stream().allMatch(FileQuality::clean);
  }
}
