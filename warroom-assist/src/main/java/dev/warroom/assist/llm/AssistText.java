package dev.warroom.assist.llm;

import java.util.List;
import java.util.Objects;

/**
 * What the LLM wrote for one use, after the sentence check: a title ("Summary", "Question: …"), the
 * sentences kept, those dropped with what they named, the tool calls the model asked for (refused,
 * never run), and an error when the call failed (the rest of the report is unaffected).
 */
public record AssistText(
    String title,
    List<String> kept,
    List<SentenceCheck.Dropped> dropped,
    int refusedToolCalls,
    String error) {
  public AssistText {
    Objects.requireNonNull(title, "title");
    kept = List.copyOf(kept);
    dropped = List.copyOf(dropped);
    if (refusedToolCalls < 0) {
      throw new IllegalArgumentException("negative refusedToolCalls: " + refusedToolCalls);
    }
  }

  /** The kept sentences as one paragraph. */
  public String text() {
    return String.join(" ", kept);
  }
}
