package dev.warroom.experts.code;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go panics and goroutine dumps: "panic: message" (or net/http's "http: panic serving addr:
 * message"), then "goroutine N [state]:" blocks of two-line frames ({@code pkg.(*T).Method(args)}
 * and "\t/path/file.go:N +0xoff"), "created by" lines included. Frames of the panic machinery
 * (everything up to runtime's {@code panic(...)} / {@code runtime.gopanic}) are dropped so the
 * first frame is the one that panicked. Each goroutine becomes one trace; only the first carries
 * the panic message.
 */
final class GoTraceParser {
  private static final Pattern PANIC =
      Pattern.compile(
          "^(?:.*?http: )?panic(?: serving [^:]+:\\d+| recovered(?: in [\\w\\s-]+)?)?: (.*?)"
              + "(?: \\[recovered].*)?$");
  private static final Pattern GOROUTINE = Pattern.compile("^goroutine (\\d+) \\[([^]]+)]:\\s*$");
  private static final Pattern LOCATION =
      Pattern.compile("^\\s+(\\S+\\.go):(\\d+)(?: \\+0x[0-9a-f]+)?.*$");

  List<StackTrace> parse(List<String> lines) {
    List<StackTrace> out = new ArrayList<>();
    String panic = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher p = PANIC.matcher(line.strip());
      if (p.matches() && !line.startsWith("\t")) {
        panic = p.group(1);
        continue;
      }
      Matcher g = GOROUTINE.matcher(line.strip());
      if (!g.matches()) {
        continue;
      }
      List<StackFrame> frames = new ArrayList<>();
      int j = i + 1;
      while (j + 1 < lines.size() && !lines.get(j).isBlank()) {
        Matcher loc = LOCATION.matcher(lines.get(j + 1));
        if (lines.get(j).startsWith("\t") || !loc.matches()) {
          break;
        }
        String function = lines.get(j).strip();
        function = function.startsWith("created by ") ? function : stripArgs(function);
        frames.add(new StackFrame(function, loc.group(1), Integer.parseInt(loc.group(2)), false));
        j += 2;
      }
      int panicAt = -1;
      for (int k = 0; k < frames.size(); k++) {
        String f = frames.get(k).function();
        if (f.equals("panic") || f.equals("runtime.gopanic")) {
          panicAt = k;
        }
      }
      List<StackFrame> kept = frames.subList(panicAt + 1, frames.size());
      String type;
      String message;
      if (panic != null) {
        type = panic.startsWith("runtime error: ") ? "runtime.Error" : "panic";
        message = panic;
        panic = null;
      } else {
        type = "goroutine";
        message = g.group(2);
      }
      TraceBuilder t =
          new TraceBuilder(
              Language.GO, type, message, "goroutine " + g.group(1) + " [" + g.group(2) + "]");
      t.frames.addAll(kept);
      out.add(t.build());
      i = j - 1;
    }
    return out;
  }

  /** {@code main.(*S).m(0x0, {0x1, 0x2})} to {@code main.(*S).m}. */
  private static String stripArgs(String call) {
    int depth = 0;
    for (int k = call.length() - 1; k >= 0; k--) {
      char c = call.charAt(k);
      if (c == ')') {
        depth++;
      } else if (c == '(') {
        depth--;
        if (depth == 0) {
          return call.substring(0, k);
        }
      }
    }
    return call;
  }
}
