package dev.warroom.model;

/**
 * A line of source code: repository (a name or URL; may be empty for a bundle's code snapshot),
 * path relative to the repository root, 1-based line, and the commit when known (null otherwise).
 */
public record CodeRef(String repository, String path, int line, String commit) {
  public CodeRef {
    repository = repository == null ? "" : repository;
    Checks.nonBlank(path, "path");
    if (line < 1) {
      throw new IllegalArgumentException("line < 1: " + line);
    }
    commit = Checks.blankToNull(commit);
  }

  @Override
  public String toString() {
    return path + ":" + line;
  }
}
