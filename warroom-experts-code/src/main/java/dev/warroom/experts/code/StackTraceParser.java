package dev.warroom.experts.code;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds and parses every stack trace in a text (a log excerpt, a crash report, a goroutine dump):
 * Java, Python, Go, Node.js and .NET, each recognised by its own frame syntax so that traces of
 * several runtimes in one text are all found; error lines that only name their caller's location
 * ({@code request failed: ... (handlers.go:49)}) become one-frame traces. Frames come back
 * unclassified; {@link FrameClassifier} marks application frames.
 */
public final class StackTraceParser {
  private final JavaTraceParser java = new JavaTraceParser();
  private final PythonTraceParser python = new PythonTraceParser();
  private final GoTraceParser go = new GoTraceParser();
  private final NodeTraceParser node = new NodeTraceParser();
  private final DotNetTraceParser dotnet = new DotNetTraceParser();
  private final CallerLocationParser located = new CallerLocationParser();

  /** All traces in {@code text}, in the order of the parsers (Java, Python, Go, Node, .NET). */
  public List<StackTrace> parse(String text) {
    return parse(text, true);
  }

  /**
   * All traces in {@code text}; {@code callerLocations} false leaves out the one-frame traces of
   * error lines that only name a location (for text not known to be an error, e.g. a WARN record of
   * a logger that prints its caller on every line).
   */
  public List<StackTrace> parse(String text, boolean callerLocations) {
    List<String> lines = text.replace("\r\n", "\n").lines().toList();
    List<StackTrace> out = new ArrayList<>();
    out.addAll(java.parse(lines));
    out.addAll(python.parse(lines));
    out.addAll(go.parse(lines));
    out.addAll(node.parse(lines));
    out.addAll(dotnet.parse(lines));
    if (callerLocations) {
      out.addAll(located.parse(lines));
    }
    return out;
  }
}
