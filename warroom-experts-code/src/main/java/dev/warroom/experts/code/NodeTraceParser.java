package dev.warroom.experts.code;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * V8 stack traces as Node.js prints them: "TypeError: message" (optionally with a [code] tag, as in
 * "Error [ERR_HTTP_HEADERS_SENT]: ..."), then " at fn (/path/file.js:L:C)" or " at
 * /path/file.js:L:C" frames, with "async " and "new " prefixes; util.inspect's "[cause]: Error:
 * ..." continues the chain with the error's cause.
 */
final class NodeTraceParser {
  static final Pattern FRAME =
      Pattern.compile(
          "^\\s+at (?:async |new )?(?:(.+?) \\()?((?:file://)?(?:/|[A-Za-z]:\\\\|node:|\\.)[^()]*?|"
              + "[\\w./@-]+\\.(?:js|mjs|cjs|ts)):(\\d+):(\\d+)\\)?\\s*$");
  private static final Pattern NATIVE =
      Pattern.compile("^\\s+at (.+?) \\((?:<anonymous>|native)\\)\\s*$");
  private static final Pattern HEADER =
      Pattern.compile(
          "^\\s*(?:\\[cause]: |Uncaught )?([A-Z]\\w*(?:Error|Exception)|Error)(?: \\[(\\w+)])?: (.*)$");

  List<StackTrace> parse(List<String> lines) {
    List<StackTrace> out = new ArrayList<>();
    TraceBuilder top = null;
    TraceBuilder current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher f = FRAME.matcher(line);
      if (current != null && f.matches()) {
        String fn = f.group(1) == null ? "<anonymous>" : f.group(1);
        current.frames.add(
            new StackFrame(
                fn, f.group(2).replaceFirst("^file://", ""), Integer.parseInt(f.group(3)), false));
        continue;
      }
      if (current != null && NATIVE.matcher(line).matches()) {
        Matcher n = NATIVE.matcher(line);
        n.matches();
        current.frames.add(new StackFrame(n.group(1), "", 0, false));
        continue;
      }
      Matcher h = HEADER.matcher(line);
      boolean nextIsFrame = i + 1 < lines.size() && FRAME.matcher(lines.get(i + 1)).matches();
      if (h.matches() && nextIsFrame) {
        String type = h.group(2) == null ? h.group(1) : h.group(1) + " [" + h.group(2) + "]";
        TraceBuilder t = new TraceBuilder(Language.NODE, type, h.group(3), "");
        if (line.strip().startsWith("[cause]: ") && top != null) {
          top.deepest().cause = t;
        } else {
          if (top != null) {
            out.add(top.build());
          }
          top = t;
        }
        current = t;
      }
    }
    if (top != null) {
      out.add(top.build());
    }
    return out;
  }
}
