package dev.warroom.experts.code;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java (and Kotlin/Scala on the JVM) traces as {@code Throwable.printStackTrace} writes them: a
 * header "type: message" (optionally "Exception in thread "x" "), "\tat
 * pkg.Class.method(File.java:N)" frames (Java 9+ may prefix "module@version/" or "app//"), "Caused
 * by: " chains, "Suppressed: " blocks indented one tab deeper, and "... N more" for the frames
 * shared with the enclosing trace, which are copied back in so every trace is complete.
 */
final class JavaTraceParser {
  static final Pattern FRAME =
      Pattern.compile(
          "^(\\s*)at\\s+(?:[\\w.@$-]*/+)?([\\w$.<>/-]+)\\(((?:[^():]+\\.(?:java|kt|scala|groovy|clj)"
              + "(?::\\d+)?)|Native Method|Unknown Source)\\)\\s*(?:~?\\[.*])?\\s*$");
  private static final Pattern HEADER =
      Pattern.compile(
          "^(\\s*)(?:Caused by: |Suppressed: |Wrapped by: )?(?:.*?Exception in thread \"([^\"]*)\" )?"
              + "((?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*)(?::\\s?(.*))?$");
  private static final Pattern MORE =
      Pattern.compile("^\\s*\\.\\.\\. (\\d+) (?:more|common frames omitted)");

  List<StackTrace> parse(List<String> lines) {
    List<StackTrace> out = new ArrayList<>();
    TraceBuilder top = null;
    // per indentation depth, the trace that frames at that depth belong to
    List<TraceBuilder> byDepth = new ArrayList<>();
    TraceBuilder current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher f = FRAME.matcher(line);
      if (f.matches() && current != null) {
        current.frames.add(frame(f.group(2), f.group(3)));
        continue;
      }
      Matcher more = MORE.matcher(line);
      if (more.find() && current != null) {
        TraceBuilder enclosing = enclosing(byDepth, current);
        int n = Integer.parseInt(more.group(1));
        if (enclosing != null && enclosing.frames.size() >= n) {
          current.frames.addAll(
              enclosing.frames.subList(enclosing.frames.size() - n, enclosing.frames.size()));
        }
        continue;
      }
      Matcher h = HEADER.matcher(line);
      boolean nextIsFrame =
          i + 1 < lines.size()
              && (FRAME.matcher(lines.get(i + 1)).matches()
                  || MORE.matcher(lines.get(i + 1)).find());
      if (h.matches() && nextIsFrame) {
        int depth = depth(h.group(1));
        TraceBuilder t = new TraceBuilder(Language.JAVA, h.group(3), h.group(4), h.group(2));
        String trimmed = line.strip();
        if (trimmed.startsWith("Caused by: ") && top != null) {
          TraceBuilder owner = depth < byDepth.size() ? byDepth.get(depth) : top;
          owner.deepest().cause = t;
        } else if (trimmed.startsWith("Suppressed: ") && top != null && depth > 0) {
          TraceBuilder owner = byDepth.get(Math.min(depth - 1, byDepth.size() - 1)).deepest();
          owner.suppressed.add(t);
        } else {
          if (top != null) {
            out.add(top.build());
          }
          top = t;
          byDepth.clear();
        }
        while (byDepth.size() <= depth) {
          byDepth.add(t);
        }
        if (!trimmed.startsWith("Caused by: ")) {
          byDepth.set(depth, t);
        }
        current = t;
      }
    }
    if (top != null) {
      out.add(top.build());
    }
    return out;
  }

  /** The trace whose frames a "... N more" refers to: the one this trace is nested in. */
  private static TraceBuilder enclosing(List<TraceBuilder> byDepth, TraceBuilder current) {
    for (TraceBuilder root : byDepth) {
      for (TraceBuilder t = root; t != null; t = t.cause) {
        if (t.cause == current) {
          return t;
        }
        for (TraceBuilder s : t.suppressed) {
          if (s == current) {
            return t;
          }
        }
      }
    }
    return null;
  }

  private static int depth(String indent) {
    int tabs = 0;
    int spaces = 0;
    for (char c : indent.toCharArray()) {
      if (c == '\t') {
        tabs++;
      } else {
        spaces++;
      }
    }
    return tabs + spaces / 4;
  }

  private static StackFrame frame(String function, String location) {
    int colon = location.lastIndexOf(':');
    if (colon > 0 && location.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      return new StackFrame(
          function,
          location.substring(0, colon),
          Integer.parseInt(location.substring(colon + 1)),
          false);
    }
    return new StackFrame(function, location.contains(".") ? location : "", 0, false);
  }
}
