package dev.warroom.engine.actors;

import dev.warroom.model.CodeRef;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.LogRecord;
import dev.warroom.model.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code code_analysis}: stack traces in the error logs of the given services, their frames mapped
 * to the service's code snapshot; the first application frame found in the snapshot is the failing
 * line, shown with its surrounding lines.
 */
public final class CodeAnalysisActor
    implements Actor<CodeAnalysisActor.Input, CodeAnalysisActor.Output> {

  /**
   * @param services services whose stack traces to map; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param found whether a frame was mapped to a snapshot line
   * @param locations {@code service path:line} of the mapped frames
   */
  public record Output(boolean found, List<String> locations) {}

  // Java "at a.b.C.m(C.java:42)", Python 'File "x.py", line 42', Node "(/app/x.js:42:7)", Go
  // "\t/app/x.go:42"
  private static final List<Pattern> FRAMES =
      List.of(
          Pattern.compile("at ([\\w$.]+)\\.[\\w$<>]+\\(([\\w$]+\\.(?:java|kt|scala)):(\\d+)\\)"),
          Pattern.compile("File \"([^\"]+\\.py)\", line (\\d+)"),
          Pattern.compile("\\(?([^\\s()]+\\.(?:js|ts|mjs)):(\\d+):\\d+\\)?"),
          Pattern.compile("([^\\s]+\\.go):(\\d+)"),
          Pattern.compile("in ([^\\s]+\\.cs):line (\\d+)"));

  @Override
  public String name() {
    return "code_analysis";
  }

  @Override
  public String description() {
    return "stack traces mapped to the service's code snapshot";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output run(Input in, InvestigationContext ctx) {
    if (!ctx.inventory().hasCode() || !ctx.inventory().hasLogs()) {
      return new Output(false, List.of());
    }
    RecentWindows.Logs lg = RecentWindows.problemLogs(ctx);
    Map<String, List<LogRecord>> byLocation = new LinkedHashMap<>();
    Map<String, CodeRef> refs = new LinkedHashMap<>();
    for (LogRecord r : lg.incident().rows()) {
      if ((!in.services().isEmpty() && !in.services().contains(r.service()))
          || r.body().indexOf('\n') < 0 && !r.body().contains(" at ")) {
        continue;
      }
      // A stack trace of a failed call to a dependency (refused, timed out, 5xx) is the caller
      // reporting a symptom, not a fault in its own code.
      var sig = Signals.ofLog(r.body());
      if (sig.isPresent()
          && !sig.get().category().equals("error")
          && sig.get().fault() != FaultClass.CODE_EXCEPTION) {
        continue;
      }
      CodeRef ref = map(r, ctx.agent().source().code());
      if (ref != null) {
        String key = r.service() + " " + ref;
        byLocation.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        refs.put(key, ref);
      }
    }
    List<String> locations = new ArrayList<>();
    byLocation.entrySet().stream()
        .sorted((a, b) -> b.getValue().size() - a.getValue().size())
        .limit(3)
        .forEach(
            e -> {
              CodeRef ref = refs.get(e.getKey());
              LogRecord first = e.getValue().get(0);
              String summary =
                  first.service() + ": " + e.getValue().size() + " stack traces fail at " + ref;
              List<String> rows = new ArrayList<>();
              rows.add(ErrorLocalizationActor.firstLine(first.body()));
              rows.addAll(surrounding(ctx.agent().source().code(), first.service(), ref));
              var ev =
                  ctx.evidence()
                      .addCode(
                          name(),
                          summary,
                          rows,
                          List.of(
                              first.service(),
                              ref.toString(),
                              ref.path(),
                              Integer.toString(e.getValue().size())),
                          ref);
              ctx.addFinding(
                  new Finding(
                      name(),
                      first.service(),
                      ref.toString(),
                      FaultClass.CODE_EXCEPTION,
                      summary,
                      Math.min(1, 0.5 + 0.02 * e.getValue().size()),
                      first.timestamp(),
                      List.of(ev)));
              locations.add(e.getKey());
            });
    return new Output(!locations.isEmpty(), locations);
  }

  /** The first frame of the trace that names a file of the service's snapshot. */
  static CodeRef map(LogRecord r, List<SourceFile> code) {
    for (String line : r.body().split("\n")) {
      for (int p = 0; p < FRAMES.size(); p++) {
        Matcher m = FRAMES.get(p).matcher(line);
        if (!m.find()) {
          continue;
        }
        String file =
            p == 0
                ? m.group(1).replace('.', '/').replaceAll("/[^/]+$", "") + "/" + m.group(2)
                : m.group(1);
        int lineNo = Integer.parseInt(p == 0 ? m.group(3) : m.group(2));
        String base = file.substring(file.lastIndexOf('/') + 1);
        for (SourceFile f : code) {
          if (f.service().equals(r.service())
              && (f.path().endsWith(file)
                  || file.endsWith(f.path())
                  || f.path().endsWith("/" + base)
                  || f.path().equals(base))
              && lineNo >= 1
              && lineNo <= f.content().split("\n", -1).length) {
            return new CodeRef("", f.path(), lineNo, null);
          }
        }
      }
    }
    return null;
  }

  static List<String> surrounding(List<SourceFile> code, String service, CodeRef ref) {
    for (SourceFile f : code) {
      if (f.service().equals(service) && f.path().equals(ref.path())) {
        String[] lines = f.content().split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = Math.max(1, ref.line() - 2);
            i <= Math.min(lines.length, ref.line() + 2);
            i++) {
          out.add((i == ref.line() ? ">" : " ") + i + ": " + lines[i - 1]);
        }
        return out;
      }
    }
    return List.of();
  }
}
