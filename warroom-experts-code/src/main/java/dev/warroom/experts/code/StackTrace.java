package dev.warroom.experts.code;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thrown error with its frames (innermost first), the error that caused it ({@code cause}: Java
 * "Caused by", Python "direct cause"/"during handling", .NET inner exception, Node [cause]; null
 * for none), the errors suppressed while it propagated (Java), and the thread or goroutine it was
 * reported on (empty when not printed).
 */
public record StackTrace(
    Language language,
    String type,
    String message,
    List<StackFrame> frames,
    StackTrace cause,
    List<StackTrace> suppressed,
    String thread) {
  public StackTrace {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(type, "type");
    if (type.isBlank()) {
      throw new IllegalArgumentException("blank error type");
    }
    message = message == null ? "" : message;
    frames = List.copyOf(frames);
    suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
    thread = thread == null ? "" : thread;
  }

  /** The innermost cause: where the failure began. */
  public StackTrace rootCause() {
    StackTrace t = this;
    while (t.cause != null) {
      t = t.cause;
    }
    return t;
  }

  /** The innermost application frame of this trace, if any. */
  public Optional<StackFrame> topApplicationFrame() {
    return frames.stream().filter(StackFrame::application).findFirst();
  }

  /** The error type without its package ({@code NullPointerException}). */
  public String simpleType() {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(dot + 1);
  }
}
