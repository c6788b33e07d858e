package dev.warroom.assist.kb;

import java.util.Objects;

/**
 * One retrievable unit of a document: {@code document} is the file as the user named it (relative
 * to the folder added), {@code section} the heading path ({@code "Mitigation > Restart"}), a
 * paragraph number for plain text, or {@code "(introduction)"} for text before the first heading;
 * {@code text} the section's prose with the markup removed.
 */
public record Section(String document, String section, String text) {
  public Section {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("blank section text: " + document + " / " + section);
    }
  }
}
