package dev.warroom.experts.code;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPython tracebacks: "Traceback (most recent call last):", frames as two lines ({@code File
 * "path", line N, in func} and the source line, plus 3.11+ caret lines), then "Type: message".
 * Chained exceptions print the cause first, separated by "The above exception was the direct cause
 * of the following exception:" or "During handling of the above exception, another exception
 * occurred:"; the last block is the one that propagated. Frames are reversed to innermost first.
 */
final class PythonTraceParser {
  private static final String START = "Traceback (most recent call last):";
  private static final Pattern FRAME =
      Pattern.compile("^\\s*File \"([^\"]+)\", line (\\d+)(?:, in (.+))?$");
  private static final Pattern ERROR = Pattern.compile("^([A-Za-z_][\\w.]*)(?::\\s?(.*))?$");

  List<StackTrace> parse(List<String> lines) {
    List<StackTrace> out = new ArrayList<>();
    TraceBuilder chain = null;
    boolean chained = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("The above exception was the direct cause")
          || line.startsWith("During handling of the above exception")) {
        chained = true;
        continue;
      }
      if (!line.endsWith(START)) {
        continue;
      }
      List<StackFrame> frames = new ArrayList<>();
      int j = i + 1;
      TraceBuilder t = null;
      for (; j < lines.size(); j++) {
        String l = lines.get(j);
        Matcher f = FRAME.matcher(l);
        if (f.matches()) {
          frames.add(
              new StackFrame(
                  f.group(3) == null ? "<module>" : f.group(3),
                  f.group(1),
                  Integer.parseInt(f.group(2)),
                  false));
        } else if (!l.startsWith(" ") && !l.isBlank()) {
          Matcher e = ERROR.matcher(l.strip());
          if (e.matches()) {
            t = new TraceBuilder(Language.PYTHON, e.group(1), e.group(2), "");
          }
          break;
        }
      }
      if (t == null) {
        continue;
      }
      Collections.reverse(frames);
      t.frames.addAll(frames);
      if (chained && chain != null) {
        t.cause = chain;
      } else if (chain != null) {
        out.add(chain.build());
      }
      chain = t;
      chained = false;
      i = j;
    }
    if (chain != null) {
      out.add(chain.build());
    }
    return out;
  }
}
