package dev.warroom.experts.code;

import java.util.Objects;

/**
 * What static reasoning concluded about a failing line: the pattern recognised, the cause in one
 * sentence, the fix, and the line that the fix concerns (e.g. the field declaration).
 */
public record Diagnosis(Pattern pattern, String cause, String fix, int line) {
  /** The patterns the code expert recognises (documented in docs/experts.md). */
  public enum Pattern {
    UNASSIGNED_INJECTED_FIELD,
    UNASSIGNED_FIELD,
    OFF_BY_ONE_LOOP_BOUND,
    UNCHECKED_INDEX,
    UNCHECKED_CAST,
    UNCLOSED_RESOURCE
  }

  public Diagnosis {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(fix, "fix");
    if (line < 1) {
      throw new IllegalArgumentException("line < 1: " + line);
    }
  }
}
