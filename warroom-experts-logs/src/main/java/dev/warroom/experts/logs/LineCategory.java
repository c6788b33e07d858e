package dev.warroom.experts.logs;

import dev.warroom.model.FaultClass;
import java.util.Objects;

/**
 * The kind of error one log record reports, as {@link LineCategories} names it.
 *
 * @param name the category in lower case: an {@link ErrorCategory}'s name ({@code
 *     connection_refused}, {@code timeout}, {@code tls} …), a data-layer kind ({@code lock}, {@code
 *     threads}, {@code slow_query}, {@code cache}, {@code queue}, {@code retry}), {@code upstream}
 *     (a dependency answered 5xx) or {@code error} (an error of no known kind)
 * @param fault the fault the category usually points to, null when it names none
 * @param classified the classifier's category behind {@code name}; {@link ErrorCategory#OTHER} for
 *     the data-layer, upstream and generic kinds
 */
public record LineCategory(String name, FaultClass fault, ErrorCategory classified) {
  public LineCategory {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(classified, "classified");
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank category name");
    }
  }
}
