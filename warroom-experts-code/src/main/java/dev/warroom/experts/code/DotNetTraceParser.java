package dev.warroom.experts.code;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * .NET exceptions as {@code Exception.ToString()} prints them: "Outer.Type: message --->
 * Inner.Type: message" on the header (one "--->" per inner exception), then the innermost
 * exception's frames (" at Ns.Type.Method(Int32 id) in /src/File.cs:line 42"), "--- End of inner
 * exception stack trace ---", then the next outer exception's frames, outermost last.
 */
final class DotNetTraceParser {
  private static final Pattern FRAME =
      Pattern.compile("^\\s+at ([^\\s(][^(]*\\([^)]*\\))(?: in (.+):line (\\d+))?\\s*$");
  private static final Pattern ERROR =
      Pattern.compile("((?:[A-Za-z_]\\w*\\.)+[A-Za-z_]\\w*(?:Exception|Error))(?::\\s?(.*?))?");
  private static final String END_INNER = "--- End of inner exception stack trace ---";

  List<StackTrace> parse(List<String> lines) {
    List<StackTrace> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String header = lines.get(i).strip().replaceFirst("^Unhandled [eE]xception\\.\\s*", "");
      if (i + 1 >= lines.size() || !isFrame(lines.get(i + 1))) {
        continue;
      }
      String[] parts = header.split(" ---> ");
      List<TraceBuilder> chain = new ArrayList<>();
      for (String part : parts) {
        Matcher m = ERROR.matcher(part.strip());
        if (!m.matches()) {
          chain.clear();
          break;
        }
        chain.add(new TraceBuilder(Language.DOTNET, m.group(1), m.group(2), ""));
      }
      if (chain.isEmpty()) {
        continue;
      }
      for (int k = 0; k + 1 < chain.size(); k++) {
        chain.get(k).cause = chain.get(k + 1);
      }
      // frames come innermost exception first; each END_INNER moves one level out
      int level = chain.size() - 1;
      int j = i + 1;
      for (; j < lines.size(); j++) {
        String l = lines.get(j);
        if (l.strip().equals(END_INNER)) {
          level = Math.max(0, level - 1);
        } else if (l.strip().startsWith("--- End of stack trace from previous location")) {
          continue;
        } else if (isFrame(l)) {
          Matcher f = FRAME.matcher(l);
          f.matches();
          String fn = f.group(1).substring(0, f.group(1).indexOf('('));
          chain
              .get(level)
              .frames
              .add(
                  new StackFrame(
                      fn,
                      f.group(2),
                      f.group(3) == null ? 0 : Integer.parseInt(f.group(3)),
                      false));
        } else {
          break;
        }
      }
      out.add(chain.getFirst().build());
      i = j - 1;
    }
    return out;
  }

  private static boolean isFrame(String line) {
    return FRAME.matcher(line).matches()
        && !JavaTraceParser.FRAME.matcher(line).matches()
        && !NodeTraceParser.FRAME.matcher(line).matches();
  }
}
