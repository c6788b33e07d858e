package dev.warroom.experts.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error log lines without a stack trace that still say where they were logged: Go's wrapped errors
 * and loggers with caller reporting (zap {@code handlers/api.go:57}, glog {@code E1127 10:15:42.1 1
 * api.go:57] msg}, logrus {@code file="api.go:57"}), and the same style in other languages ({@code
 * (views.py:42)}). Each such line becomes a one-frame trace whose type is {@code error}. Only lines
 * that start at column 0 are read, so the frame lines of real stack traces (always indented) are
 * never taken twice; the location must look like a source file ({@code .go .py .js .ts .java .kt
 * .cs .rb}) followed by a line number.
 */
final class CallerLocationParser {
  private static final Pattern LOCATION =
      Pattern.compile(
          "(?:^|[\\s(\\[=\"])((?:[\\w.-]+/)*[\\w.-]+\\.(go|py|js|mjs|cjs|ts|java|kt|cs|rb)):(\\d+)(?=[)\\]\\s\",:]|$)");

  /**
   * Whether line {@code i} is the header of a stack trace another parser reads: followed by a
   * frame, or Node's uncaught-exception banner (location, source line, caret line).
   */
  private static boolean headsTrace(List<String> lines, int i) {
    if (i + 1 < lines.size()) {
      String next = lines.get(i + 1).strip();
      if (next.startsWith("at ") || next.startsWith("File \"") || next.startsWith("Traceback (")) {
        return true;
      }
    }
    for (int j = i + 1; j < Math.min(lines.size(), i + 4); j++) {
      if (lines.get(j).strip().matches("\\^+")) {
        return true;
      }
    }
    return false;
  }

  List<StackTrace> parse(List<String> lines) {
    List<StackTrace> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || headsTrace(lines, i)) {
        continue;
      }
      Matcher m = LOCATION.matcher(line);
      String file = null;
      String ext = null;
      int lineNo = 0;
      while (m.find()) {
        // the last location on the line is the innermost (wrapped errors append theirs)
        file = m.group(1);
        ext = m.group(2);
        lineNo = Integer.parseInt(m.group(3));
      }
      if (file == null || lineNo < 1) {
        continue;
      }
      Language language =
          switch (ext.toLowerCase(Locale.ROOT)) {
            case "go" -> Language.GO;
            case "py" -> Language.PYTHON;
            case "java", "kt" -> Language.JAVA;
            case "cs" -> Language.DOTNET;
            default -> Language.NODE;
          };
      TraceBuilder t = new TraceBuilder(language, "error", line.strip(), "");
      t.frames.add(new StackFrame("", file, lineNo, false));
      out.add(t.build());
    }
    return out;
  }
}
