package dev.warroom.store.bundle;

import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Raw text logs read with a line pattern declared in the manifest: {@code "formats":
 * {"logs/app.log": "pattern:<java regex>"}}, or without one {@link #DEFAULT_PATTERN} (a line that
 * starts with a date-time, optionally bracketed, begins a record). The regex's named groups give
 * the fields: {@code ts} and {@code message} (required), {@code level} and {@code service}
 * (optional: the level is then told by the message's text, the service is the file's base name),
 * any other named group becomes an attribute. A line that does not match continues the previous
 * record (a stack trace's frames, a "Caused by:"), joined with a newline.
 */
final class PatternLogs {
  /**
   * A record starts with an ISO-8601 date-time ({@code 2024-05-01T12:00:00.123Z}, {@code 2024-05-01
   * 12:00:00,123}), optionally in brackets, then an optional level word.
   */
  static final String DEFAULT_PATTERN =
      "^\\[?(?<ts>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?"
          + "(?:Z|[+-]\\d{2}:\\d{2})?)\\]?\\s+(?:\\[?(?<level>TRACE|DEBUG|INFO|NOTICE|WARN|WARNING"
          + "|ERROR|SEVERE|FATAL|CRITICAL)\\]?:?\\s+)?(?<message>.*)$";

  private PatternLogs() {}

  static void read(String rel, LineReader lines, String declared, ReadContext ctx)
      throws IOException {
    String source = DEFAULT_PATTERN;
    if (declared != null && declared.startsWith("pattern:")) {
      source = declared.substring("pattern:".length());
    }
    Pattern p;
    try {
      p = Pattern.compile(source);
    } catch (PatternSyntaxException e) {
      ctx.problems.add(
          "manifest.json#/formats/" + rel + ": invalid pattern: " + e.getDescription());
      return;
    }
    Map<String, Integer> groups = p.namedGroups();
    if (!groups.containsKey("ts") || !groups.containsKey("message")) {
      ctx.problems.add(
          "manifest.json#/formats/" + rel + ": the pattern needs named groups 'ts' and 'message'");
      return;
    }
    String defaultService = JsonLinesLogs.baseName(rel);
    Pending pending = null;
    int fileProblems = 0;
    while (lines.next()) {
      String problem = null;
      if (lines.tooLong()) {
        problem = "line longer than " + ReadContext.MAX_LINE + " bytes";
      } else {
        try {
          String line = lines.text();
          Matcher m = p.matcher(line);
          if (m.matches()) {
            if (pending != null) {
              pending.emit(ctx);
            }
            pending = new Pending();
            problem = pending.fill(m, groups, defaultService, ctx);
            if (problem != null) {
              pending = null;
            }
          } else if (pending != null) {
            pending.message.append('\n').append(line);
          } else if (!line.isBlank()) {
            problem = "line does not match the declared pattern";
          }
        } catch (CharacterCodingException e) {
          problem = "not valid UTF-8";
        }
      }
      if (problem != null) {
        ctx.problems.at(rel, lines.lineNo, problem);
        if (ctx.problems.fileDone(++fileProblems)) {
          ctx.problems.add(rel + ": too many problems, rest of file skipped");
          return;
        }
      }
    }
    if (pending != null) {
      pending.emit(ctx);
    }
  }

  /** A matched record whose message may still grow with continuation lines. */
  private static final class Pending {
    Instant ts;
    String service;
    Severity level;
    final StringBuilder message = new StringBuilder();
    final Map<String, String> attributes = new LinkedHashMap<>();

    String fill(Matcher m, Map<String, Integer> groups, String defaultService, ReadContext ctx) {
      try {
        ts = ctx.ts.parse(m.group("ts"));
      } catch (IllegalArgumentException e) {
        return "ts: " + e.getMessage();
      }
      if (groups.containsKey("level") && m.group("level") != null) {
        level = LogFields.parseOrNull(m.group("level")); // an unknown word: the text tells
      }
      service =
          groups.containsKey("service")
                  && m.group("service") != null
                  && !m.group("service").isBlank()
              ? m.group("service")
              : defaultService;
      message.append(m.group("message"));
      for (String g : groups.keySet()) {
        if (!g.equals("ts")
            && !g.equals("level")
            && !g.equals("service")
            && !g.equals("message")
            && m.group(g) != null) {
          attributes.put(g, m.group(g));
        }
      }
      return null;
    }

    void emit(ReadContext ctx) {
      String text = message.toString();
      Severity l = level != null ? level : LogFields.inferLevel(text);
      ctx.sink.log(new LogRecord(ts, service, l, text, attributes, null, null));
    }
  }
}
