package dev.warroom.server;

import dev.warroom.model.IncidentBundle;
import dev.warroom.model.InvalidInputException;
import dev.warroom.store.bundle.OtlpJsonImport;
import dev.warroom.store.duckdb.DuckDbStore;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

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

  OtlpReceiver(DuckDbStore store) {
    this.store = store;
  }

  /** Loads one export request; returns the OTLP/JSON response body. */
  String export(Signal signal, String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    IncidentBundle b;
    if (type.startsWith("application/x-protobuf")) {
      b = OtlpProtobuf.decode(signal, body);
    } else if (type.startsWith("application/json")) {
      String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
      if (!head.contains("\"" + signal.key + "\"")) {
        throw new InvalidInputException(
            "body#/"
                + signal.key
                + ": missing for "
                + signal.name().toLowerCase(java.util.Locale.ROOT));
      }
      b = OtlpJsonImport.parse(body, "body");
    } else {
      throw new Unsupported(
          "Content-Type must be application/x-protobuf or application/json, not '" + type + "'");
    }
    // One transaction (the store serialises loads): readers see all of the batch or none.
    store.ingest(b);
    logRecords.addAndGet(b.logs().size());
    spans.addAndGet(b.spans().size());
    series.addAndGet(b.metrics().size());
    return "{}";
  }

  /** An encoding the receiver does not read: 415. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String message) {
      super(message);
    }
  }
}
