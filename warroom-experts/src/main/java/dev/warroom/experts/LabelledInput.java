package dev.warroom.experts;

import java.util.Objects;

/**
 * One labelled example of the router's corpus.
 *
 * @param text the input as a user would paste or upload it
 * @param kind its true kind
 * @param source where it came from ({@code synthetic}, {@code loghub/HDFS}, {@code nab/...})
 */
public record LabelledInput(String text, InputKind kind, String source) {
  public LabelledInput {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
  }
}
