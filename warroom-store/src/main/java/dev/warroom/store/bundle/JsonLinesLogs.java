package dev.warroom.store.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON-lines logs, one object per line, in any common layout ({@link LogFields} lists the names):
 * the time from {@code ts}, {@code time}, {@code timestamp}, {@code @timestamp}, {@code
 * TimeUnixNano}… (RFC 3339 or epoch s/ms/µs/ns); the service from {@code service}/{@code
 * service.name}, else an app label ({@code app}, {@code kubernetes.labels.app}), else the
 * container, else the pod name less its replica-set hashes, else the file's base name; the level
 * from {@code level}/{@code severity}/… (words or Bunyan/OpenTelemetry numbers), else told by the
 * message's text ({@link LogFields#inferLevel}); the message from {@code message}/{@code
 * msg}/{@code body}/{@code log}. A message that itself holds a JSON object (Docker's {@code log}, a
 * Kubernetes {@code message}) is read as the application's own record. {@code attributes} (an
 * object) and any other top-level field become attributes. Parsed with Jackson's streaming parser
 * straight from the line's bytes; trees only for nested objects.
 */
final class JsonLinesLogs {
  /** Longest accepted message, in characters. */
  static final int MAX_MESSAGE = 1 << 20;

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonLinesLogs() {}

  static void read(String rel, LineReader lines, ReadContext ctx) throws IOException {
    String defaultService = baseName(rel);
    int fileProblems = 0;
    while (lines.next()) {
      if (lines.tooLong()) {
        ctx.problems.at(rel, lines.lineNo, "line longer than " + ReadContext.MAX_LINE + " bytes");
        fileProblems++;
        continue;
      }
      if (lines.isBlank()) {
        continue;
      }
      String problem;
      try {
        problem = parseLine(lines, ctx, defaultService);
      } catch (IOException e) {
        problem = JsonProblems.message(e);
      }
      if (problem != null) {
        ctx.problems.at(rel, lines.lineNo, problem);
        if (ctx.problems.fileDone(++fileProblems)) {
          ctx.problems.add(rel + ": too many problems, rest of file skipped");
          return;
        }
      }
    }
  }

  static String baseName(String rel) {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** Parses one line and hands the record to the sink; returns a problem or null. */
  private static String parseLine(LineReader l, ReadContext ctx, String defaultService)
      throws IOException {
    try (JsonParser p = FACTORY.createParser(l.bytes, l.start, l.length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "expected a JSON object";
      }
      Instant ts = null;
      Severity level = null;
      String message = null;
      Map<String, String> attrs = new HashMap<>();
      LogFields.NestedFields found = new LogFields.NestedFields(attrs);
      String traceId = null;
      String spanId = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        if (LogFields.isTime(f) && ts == null && v != JsonToken.VALUE_NULL) {
          try {
            ts = timeOf(p, v, ctx);
          } catch (IllegalArgumentException e) {
            return "/" + f + ": " + e.getMessage();
          }
          if (ts == null) {
            return "/" + f + ": expected a timestamp, got " + v;
          }
        } else if (LogFields.serviceRank(f) > 0 && v == JsonToken.VALUE_STRING) {
          String text = p.getText();
          int rank = LogFields.serviceRank(f);
          if (rank < found.serviceRank && !text.isBlank()) {
            found.service(rank, LogFields.serviceOf(rank, text));
          }
          if (rank(f) > 1) {
            attrs.put(f, text);
          }
        } else if (LogFields.isLevel(f) && level == null && v == JsonToken.VALUE_STRING) {
          level = LogFields.parseOrNull(p.getText());
          if (level == null) {
            attrs.put(f, p.getText()); // unknown word: the text tells the level below
          }
        } else if (LogFields.isLevel(f) && level == null && v == JsonToken.VALUE_NUMBER_INT) {
          level = numericLevel(p.getIntValue());
        } else if (LogFields.isMessage(f) && message == null && v == JsonToken.VALUE_STRING) {
          message = p.getText();
          if (message.length() > MAX_MESSAGE) {
            return "/" + f + ": message longer than " + MAX_MESSAGE + " characters";
          }
        } else if (LogFields.isMessage(f)
            && message == null
            && v.isScalarValue()
            && v != JsonToken.VALUE_NULL
            && v != JsonToken.VALUE_STRING) {
          return "/" + f + ": expected a string, got " + v;
        } else if (LogFields.isMessage(f) && v == JsonToken.START_OBJECT) {
          LogFields.readNested(ModelJson.MAPPER.readTree(p), found);
        } else if ((f.equals("kubernetes") || f.equals("resource") || f.equals("labels"))
            && v == JsonToken.START_OBJECT) {
          LogFields.readLabels(f, ModelJson.MAPPER.readTree(p), found);
        } else if (f.equals("trace_id") || f.equals("traceId") || f.equals("trace.id")) {
          traceId = scalar(p, v);
        } else if (f.equals("span_id") || f.equals("spanId") || f.equals("span.id")) {
          spanId = scalar(p, v);
        } else if (f.equals("attributes") && v == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken av = p.nextToken();
            String value =
                av.isScalarValue() ? scalar(p, av) : ModelJson.MAPPER.readTree(p).toString();
            if (value != null) {
              attrs.put(k, value);
              int rank = LogFields.serviceRank(k);
              if (rank > 0 && rank + 4 < found.serviceRank && !value.isBlank()) {
                // an attribute names the service less surely than a top-level field
                found.service(rank + 4, LogFields.serviceOf(rank, value));
              }
            }
          }
        } else if (f.equals("attributes")) {
          return "/attributes: expected an object, got " + v;
        } else {
          String value = v.isScalarValue() ? scalar(p, v) : ModelJson.MAPPER.readTree(p).toString();
          if (value != null) {
            attrs.put(f, value);
          }
        }
      }
      if (t != JsonToken.END_OBJECT) {
        return "expected a field name, got " + t;
      }
      if (p.nextToken() != null) {
        return "more than one JSON value on the line";
      }
      if (message == null) {
        message = found.message;
        found.message = null;
      }
      if (message == null) {
        return "/message: missing";
      }
      // JSON inside JSON: a message (Docker's log, a Kubernetes message) holding the app's own line
      String trimmed = message.strip();
      if (trimmed.length() > 1 && trimmed.charAt(0) == '{' && trimmed.endsWith("}")) {
        LogFields.NestedFields inner = new LogFields.NestedFields(attrs);
        try {
          if (LogFields.readNestedText(trimmed, inner)) {
            if (inner.message != null) {
              message = inner.message;
            }
            if (level == null) {
              level = inner.level;
            }
            if (ts == null && inner.timeNode != null) {
              ts = ctx.ts.parse(inner.timeNode);
            }
            if (inner.service != null) {
              found.service(inner.serviceRank + 1, inner.service);
            }
          }
        } catch (IllegalArgumentException e) {
          // an inner time that is no timestamp: the outer record's fields stand
        }
      } else if (message.endsWith("\n")) {
        message = message.stripTrailing(); // Docker's json-file keeps the line's newline
      }
      if (ts == null) {
        return "/ts: missing";
      }
      if (level == null) {
        level = LogFields.inferLevel(message);
      }
      String service = found.service;
      if (service == null || service.isBlank()) {
        service = defaultService;
      }
      LogRecord r;
      try {
        r =
            new LogRecord(
                ts, service, level, message, attrs.isEmpty() ? null : attrs, traceId, spanId);
      } catch (IllegalArgumentException | NullPointerException e) {
        return e.getMessage();
      }
      ctx.sink.log(r);
      return null;
    }
  }

  private static int rank(String f) {
    return LogFields.serviceRank(f);
  }

  private static Instant timeOf(JsonParser p, JsonToken v, ReadContext ctx) throws IOException {
    return v == JsonToken.VALUE_STRING
        ? ctx.ts.parse(p.getText())
        : v == JsonToken.VALUE_NUMBER_INT
                && (p.getNumberType() == JsonParser.NumberType.LONG
                    || p.getNumberType() == JsonParser.NumberType.INT)
            ? Timestamps.ofEpochNumber(p.getLongValue())
            : v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT
                ? Timestamps.ofEpochDecimal(p.getDecimalValue())
                : null;
  }

  /** Bunyan/pino levels (10 trace … 60 fatal), else OpenTelemetry severity numbers (1-24). */
  static Severity numericLevel(int n) {
    if (n >= 10 && n <= 60 && n % 10 == 0) {
      return Severity.values()[Math.min(n / 10 - 1, 5)];
    }
    return n >= 1 && n <= 24 ? Severity.fromOtelNumber(n) : null;
  }

  private static String scalar(JsonParser p, JsonToken v) throws IOException {
    return v == JsonToken.VALUE_NULL ? null : p.getText();
  }
}
