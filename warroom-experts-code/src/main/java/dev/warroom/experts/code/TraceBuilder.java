package dev.warroom.experts.code;

import java.util.ArrayList;
import java.util.List;

/** Mutable scratch form of a {@link StackTrace} while a parser reads lines; local to one parse. */
final class TraceBuilder {
  final Language language;
  final String type;
  final String message;
  final String thread;
  final List<StackFrame> frames = new ArrayList<>();
  final List<TraceBuilder> suppressed = new ArrayList<>();
  TraceBuilder cause;

  TraceBuilder(Language language, String type, String message, String thread) {
    this.language = language;
    this.type = type;
    this.message = message;
    this.thread = thread;
  }

  TraceBuilder deepest() {
    TraceBuilder t = this;
    while (t.cause != null) {
      t = t.cause;
    }
    return t;
  }

  StackTrace build() {
    return new StackTrace(
        language,
        type,
        message,
        frames,
        cause == null ? null : cause.build(),
        suppressed.stream().map(TraceBuilder::build).toList(),
        thread);
  }
}
