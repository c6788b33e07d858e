package dev.warroom.experts.logs;

/** A mined template: its id, text ({@code <*>} for variables) and how many lines it matched. */
public record LogTemplate(int id, String text, long count) {
  public LogTemplate {
    if (id < 0) {
      throw new IllegalArgumentException("negative id: " + id);
    }
    java.util.Objects.requireNonNull(text, "text");
    if (count < 0) {
      throw new IllegalArgumentException("negative count: " + count);
    }
  }
}
