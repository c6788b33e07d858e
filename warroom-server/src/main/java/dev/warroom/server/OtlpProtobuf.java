package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.warroom.model.InvalidInputException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Turns a binary OTLP export request into the OTLP/JSON encoding the store reads. Protobuf's
 * canonical JSON mapping is the OTLP/JSON encoding except for two things the <a
 * href="https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding">OTLP spec</a> changes:
 * trace and span ids are hex, not base64, and enums are integers.
 */
final class OtlpProtobuf {
  private static final Set<String> IDS = Set.of("traceId", "spanId", "parentSpanId");
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace();

  private OtlpProtobuf() {}

  static byte[] toJson(OtlpReceiver.Signal signal, byte[] body, ObjectMapper json) {
    Message m;
    try {
      m =
          switch (signal) {
            case LOGS -> ExportLogsServiceRequest.parseFrom(body);
            case METRICS -> ExportMetricsServiceRequest.parseFrom(body);
            case TRACES -> ExportTraceServiceRequest.parseFrom(body);
          };
      JsonNode tree = json.readTree(PRINTER.print(m));
      hexIds(tree);
      if (!tree.has(signal.key)) {
        ((ObjectNode) tree).putArray(signal.key);
      }
      return json.writeValueAsBytes(tree);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException(
          "body: not an OTLP protobuf export request: " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void hexIds(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (IDS.contains(e.getKey()) && e.getValue().isTextual()) {
          byte[] raw =
              Base64.getDecoder().decode(e.getValue().asText().getBytes(StandardCharsets.US_ASCII));
          o.put(e.getKey(), HexFormat.of().formatHex(raw));
        } else {
          hexIds(e.getValue());
        }
      }
    } else if (n instanceof ArrayNode a) {
      a.forEach(OtlpProtobuf::hexIds);
    }
  }
}
