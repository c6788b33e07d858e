package dev.warroom.assist.llm;

import java.util.List;
import java.util.Objects;

/**
 * A runbook the LLM drafted from a description: the text of its last attempt, whether the runbook
 * checker passed it (only then may it be used), the checker's diagnostics for that attempt ({@code
 * line:col: error: ...}), and how many attempts were made.
 */
public record RunbookDraft(String text, boolean accepted, List<String> diagnostics, int attempts) {
  public RunbookDraft {
    Objects.requireNonNull(text, "text");
    diagnostics = List.copyOf(diagnostics);
  }
}
