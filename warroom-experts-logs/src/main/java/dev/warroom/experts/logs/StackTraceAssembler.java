package dev.warroom.experts.logs;

import dev.warroom.model.LogRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reassembles multi-line stack traces that a log pipeline split into one record per line: Java
 * ({@code at …}, {@code Caused by:}, {@code Suppressed:}, {@code ... 3 more}), Node.js (indented
 * {@code at fn (file.js:1:2)}), Python ({@code Traceback (most recent call last):} through the
 * final {@code ValueError: …} line) and Go ({@code panic:} / {@code fatal error:} with its
 * goroutine dump). Continuation lines join the previous record of the same stream (service plus
 * pod/instance/host attribute), keeping that record's time and severity; the joined body uses
 * {@code \n}. Record order is otherwise preserved.
 */
public final class StackTraceAssembler {
  private StackTraceAssembler() {}

  private enum Mode {
    NONE,
    PYTHON,
    GO
  }

  /** Records with stack traces joined. */
  public static List<LogRecord> assemble(List<LogRecord> records) {
    Objects.requireNonNull(records, "records");
    List<LogRecord> out = new ArrayList<>(records.size());
    Map<String, Integer> open = new HashMap<>();
    Map<String, Mode> modes = new HashMap<>();
    // the next body of each record's stream, for the one-line lookahead of exception headers
    String[] nextBody = new String[records.size()];
    Map<String, String> later = new HashMap<>();
    for (int i = records.size() - 1; i >= 0; i--) {
      String stream = streamOf(records.get(i));
      nextBody[i] = later.get(stream);
      later.put(stream, records.get(i).body());
    }
    for (int i = 0; i < records.size(); i++) {
      LogRecord r = records.get(i);
      String stream = streamOf(r);
      String body = r.body();
      Integer at = open.get(stream);
      Mode mode = modes.getOrDefault(stream, Mode.NONE);
      String next = nextBody[i];
      if (at != null && isContinuation(body, next, mode)) {
        LogRecord head = out.get(at);
        out.set(at, withBody(head, head.body() + "\n" + body));
        modes.put(stream, modeAfter(body, mode));
        continue;
      }
      out.add(r);
      open.put(stream, out.size() - 1);
      modes.put(stream, modeAfter(body, Mode.NONE));
    }
    return out;
  }

  /** The same for raw text lines without structure (one stream). */
  public static List<String> assembleLines(List<String> lines) {
    List<String> out = new ArrayList<>();
    Mode mode = Mode.NONE;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String next = i + 1 < lines.size() ? lines.get(i + 1) : null;
      if (!out.isEmpty() && isContinuation(line, next, mode)) {
        out.set(out.size() - 1, out.get(out.size() - 1) + "\n" + line);
        mode = modeAfter(line, mode);
      } else {
        out.add(line);
        mode = modeAfter(line, Mode.NONE);
      }
    }
    return out;
  }

  static boolean isContinuation(String body, String next, Mode mode) {
    String t = body.strip();
    if (isFrameLine(body) || t.startsWith("Caused by:") || t.startsWith("Suppressed:")) {
      return true;
    }
    if (t.startsWith("Traceback (most recent call last):")
        || t.startsWith("During handling of the above exception")
        || t.startsWith("The above exception was the direct cause")) {
      return true;
    }
    switch (mode) {
      case PYTHON -> {
        // indented "File …" and source lines, then the exception line closes the trace
        return startsIndented(body) || isExceptionHeader(t) || t.isEmpty();
      }
      case GO -> {
        return t.isEmpty()
            || t.startsWith("goroutine ")
            || t.startsWith("created by ")
            || t.startsWith("exit status")
            || t.startsWith("[signal ")
            || startsIndented(body)
            || (t.endsWith(")") && t.indexOf('(') > 0 && !t.contains(" "));
      }
      case NONE -> {
        // "java.lang.IllegalStateException: boom" right before its frames
        return isExceptionHeader(t) && next != null && isFrameLine(next);
      }
    }
    return false;
  }

  private static Mode modeAfter(String body, Mode mode) {
    String t = body.strip();
    if (t.startsWith("Traceback (most recent call last):")) {
      return Mode.PYTHON;
    }
    if (t.startsWith("panic:") || t.startsWith("fatal error:")) {
      return Mode.GO;
    }
    if (mode == Mode.PYTHON && !startsIndented(body) && isExceptionHeader(t)) {
      return Mode.NONE;
    }
    return mode;
  }

  static boolean isFrameLine(String body) {
    if (!startsIndented(body)) {
      return false;
    }
    String t = body.strip();
    return t.startsWith("at ") || (t.startsWith("...") && t.endsWith("more"));
  }

  private static boolean startsIndented(String s) {
    return !s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(0) == '\t');
  }

  /** {@code java.io.IOException: x}, {@code ValueError: x}, {@code TypeError: x}. */
  static boolean isExceptionHeader(String t) {
    int colon = t.indexOf(':');
    String name = colon < 0 ? t : t.substring(0, colon);
    if (name.isEmpty() || name.contains(" ")) {
      return false;
    }
    return name.endsWith("Exception")
        || name.endsWith("Error")
        || name.endsWith("Throwable")
        || name.endsWith("Interrupt")
        || name.equals("SystemExit");
  }

  private static String streamOf(LogRecord r) {
    String instance = r.attribute("pod");
    if (instance == null) {
      instance = r.attribute("instance");
    }
    if (instance == null) {
      instance = r.attribute("host");
    }
    return r.service() + "|" + (instance == null ? "" : instance);
  }

  private static LogRecord withBody(LogRecord r, String body) {
    return new LogRecord(
        r.timestamp(), r.service(), r.severity(), body, r.attributes(), r.traceId(), r.spanId());
  }
}
