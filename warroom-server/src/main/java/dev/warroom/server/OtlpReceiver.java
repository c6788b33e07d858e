package dev.warroom.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.InvalidInputException;
import dev.warroom.store.bundle.OtlpJsonImport;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * OTLP/HTTP receiver (<a href="https://opentelemetry.io/docs/specs/otlp/#otlphttp">spec</a>):
 * {@code POST /v1/logs}, {@code /v1/metrics}, {@code /v1/traces} appended to the server's telemetry
 * store. Protobuf requests are decoded straight into records ({@link OtlpProtobuf}); JSON ones
 * through the store's own OTLP/JSON reader. A batch keeps the stored manifest; a batch with any
 * malformed record is refused whole (400), so what was accepted is exactly what is stored.
 */
final class OtlpReceiver {
  /** The three signals and the top-level key their payload must have. */
  enum Signal {
    LOGS("resourceLogs"),
    METRICS("resourceMetrics"),
    TRACES("resourceSpans");

    final String key;

    Signal(String key) {
      this.key = key;
    }
  }

  private final com.fasterxml.jackson.databind.ObjectMapper json =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final DuckDbStore store;
  final AtomicLong logRecords = new AtomicLong();
  final AtomicLong spans = new AtomicLong();
  final AtomicLong series = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  private final RecentHashes recent = new RecentHashes(8192);

  OtlpReceiver(DuckDbStore store) {
    this.store = store;
  }

  /**
   * Loads one export request; returns the OTLP/JSON response body. {@code Content-Encoding: gzip}
   * (the collector's default) is inflated with the same size limit as the body.
   */
  String export(Signal signal, String contentType, String encoding, byte[] body, long maxBytes) {
    body = inflate(encoding, body, maxBytes);
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    IncidentBundle b;
    if (type.startsWith("application/x-protobuf")) {
      b = OtlpProtobuf.decode(signal, body);
    } else if (type.startsWith("application/json")) {
      checkTopLevel(signal, body);
      b = OtlpJsonImport.parse(body, "body");
    } else {
      throw new Unsupported(
          "Content-Type must be application/x-protobuf or application/json, not '"
              + Names.quoted(type)
              + "'");
    }
    // A collector re-sends a batch it got no answer for: the same bytes again are acknowledged and
    // not stored twice. Within a batch, exact repeats of a span (same ids and everything else) are
    // dropped; identical log records are kept, since one line logged twice in the same tick is
    // ordinary and its count matters to template frequencies.
    String hash = signal.name() + ":" + AlertIntake.sha256Hex(body);
    if (recent.contains(hash)) {
      duplicates.incrementAndGet();
      return "{}";
    }
    b =
        new IncidentBundle(
            b.manifest(),
            b.alert(),
            b.metrics(),
            b.logs(),
            List.copyOf(new LinkedHashSet<>(b.spans())),
            b.events(),
            b.topology(),
            b.code(),
            b.databases());
    // One transaction (the store serialises loads): readers see all of the batch or none.
    store.ingest(b);
    recent.add(hash); // only once stored: a batch refused or failed may be sent again
    logRecords.addAndGet(b.logs().size());
    spans.addAndGet(b.spans().size());
    series.addAndGet(b.metrics().size());
    return "{}";
  }

  static byte[] inflate(String encoding, byte[] body, long maxBytes) {
    String e = encoding == null ? "" : encoding.trim().toLowerCase(java.util.Locale.ROOT);
    switch (e) {
      case "", "identity" -> {
        return body;
      }
      case "gzip", "x-gzip" -> {
        try (var in =
            new LimitedInputStream(
                new GZIPInputStream(new ByteArrayInputStream(body)), maxBytes, "body (inflated)")) {
          return in.readAllBytes();
        } catch (java.util.zip.ZipException | java.io.EOFException x) {
          throw new InvalidInputException("body: Content-Encoding gzip, but not a gzip stream");
        } catch (IOException x) {
          throw new InvalidInputException("body: could not inflate the gzip body");
        }
      }
      default ->
          throw new Unsupported(
              "Content-Encoding must be gzip or identity, not " + Names.quoted(e));
    }
  }

  /**
   * The JSON body must be an object holding this signal's key and no other signal's: a traces
   * payload posted to {@code /v1/logs} is refused, not half-read.
   */
  static void checkTopLevel(Signal signal, byte[] body) {
    boolean found = false;
    try (JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException("body#: expected a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        for (Signal other : Signal.values()) {
          if (other != signal && other.key.equals(name)) {
            throw new InvalidInputException(
                "body#/"
                    + signal.key
                    + ": missing; the body holds "
                    + name
                    + " (a "
                    + other.name().toLowerCase(java.util.Locale.ROOT)
                    + " payload: post it to /v1/"
                    + other.name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
          }
        }
        found |= signal.key.equals(name);
        p.nextToken();
        p.skipChildren();
      }
    } catch (IOException e) {
      throw new InvalidInputException("body#: not JSON" + JsonErrors.where(e));
    }
    if (!found) {
      throw new InvalidInputException(
          "body#/"
              + signal.key
              + ": missing for "
              + signal.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** An encoding the receiver does not read: 415. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message);
    }
  }
}
