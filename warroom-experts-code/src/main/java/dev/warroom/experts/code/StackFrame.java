package dev.warroom.experts.code;

import java.util.Objects;

/**
 * One frame of a stack trace, innermost first within its trace: the function as the runtime names
 * it ({@code com.shop.Cart.total}, {@code views.checkout}, {@code main.(*Server).handle}), the
 * source file as printed (a bare name for Java, a path for the others; empty when the runtime
 * printed none), the 1-based line (0 when unknown) and whether the frame is application code as
 * opposed to the runtime or a library.
 */
public record StackFrame(String function, String file, int line, boolean application) {
  public StackFrame {
    Objects.requireNonNull(function, "function");
    file = file == null ? "" : file;
    if (line < 0) {
      throw new IllegalArgumentException("negative line: " + line);
    }
  }

  /** The same frame, classified. */
  public StackFrame withApplication(boolean isApplication) {
    return new StackFrame(function, file, line, isApplication);
  }

  @Override
  public String toString() {
    return (function.isEmpty() ? "?" : function)
        + (file.isEmpty() ? "" : " (" + file + (line > 0 ? ":" + line : "") + ")");
  }
}
