package dev.warroom.server;

import dev.warroom.store.bundle.JsonText;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Field-level decoding shared by the OTLP protobuf decoders, giving the same strings the store's
 * OTLP/JSON reader gives for the same data (so one batch reads the same whichever encoding carried
 * it): an {@code AnyValue} as its scalar text, arrays and key-value lists as JSON, bytes as base64;
 * ids as lower-case hex (the OTLP/JSON rule); times as nanoseconds since the epoch, 0 meaning "not
 * set" as in the proto's comments.
 */
final class OtlpValues {
  private OtlpValues() {}

  /** Problems found while decoding one request; a request with any is refused whole. */
  static final class Problems {
    static final int MAX = 20;
    final List<String> list = new ArrayList<>();

    void add(String where, String what) {
      if (list.size() < MAX) {
        list.add(where + "/" + what);
      } else if (list.size() == MAX) {
        list.add("body: more than " + MAX + " problems, the rest not listed");
      }
    }

    boolean full() {
      return list.size() > MAX;
    }
  }

  static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      case ARRAY_VALUE, KVLIST_VALUE -> json(v, new StringBuilder()).toString();
      // an index into a profile's string table: meaningless outside the profiles signal
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> null;
    };
  }

  private static StringBuilder json(AnyValue v, StringBuilder sb) {
    switch (v.getValueCase()) {
      case STRING_VALUE -> JsonText.quote(sb, v.getStringValue());
      case BYTES_VALUE -> JsonText.quote(sb, text(v));
      case INT_VALUE, BOOL_VALUE -> sb.append(text(v));
      case DOUBLE_VALUE -> {
        double d = v.getDoubleValue();
        if (Double.isFinite(d)) {
          sb.append(d);
        } else {
          JsonText.quote(sb, Double.toString(d));
        }
      }
      case ARRAY_VALUE -> {
        sb.append('[');
        List<AnyValue> items = v.getArrayValue().getValuesList();
        for (int i = 0; i < items.size(); i++) {
          json(items.get(i), i > 0 ? sb.append(',') : sb);
        }
        sb.append(']');
      }
      case KVLIST_VALUE -> {
        sb.append('{');
        List<KeyValue> kvs = v.getKvlistValue().getValuesList();
        for (int i = 0; i < kvs.size(); i++) {
          JsonText.quote(i > 0 ? sb.append(',') : sb, kvs.get(i).getKey()).append(':');
          json(kvs.get(i).getValue(), sb);
        }
        sb.append('}');
      }
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> sb.append("null");
    }
    return sb;
  }

  /** Attributes with a value; one without (an empty {@code AnyValue}) is left out. */
  static Map<String, String> attributes(List<KeyValue> list) {
    if (list.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = HashMap.newHashMap(list.size());
    for (int i = 0; i < list.size(); i++) {
      KeyValue kv = list.get(i);
      String v = text(kv.getValue());
      if (v != null) {
        out.put(kv.getKey(), v);
      }
    }
    return out;
  }

  /** OpenTelemetry's {@code service.name} when a resource has none (semantic conventions). */
  static final String UNKNOWN_SERVICE = "unknown_service";

  /** The {@code service.name} resource attribute, or null when absent. */
  static String serviceName(List<KeyValue> resourceAttributes) {
    for (int i = 0; i < resourceAttributes.size(); i++) {
      KeyValue kv = resourceAttributes.get(i);
      if (kv.getKey().equals("service.name")) {
        String s = text(kv.getValue());
        if (s != null && !s.isBlank()) {
          return s;
        }
      }
    }
    return null;
  }

  /**
   * A fixed64 nanosecond time; unsigned in the proto, so values past {@code Long.MAX_VALUE} (after
   * 2262-04-11, beyond what the store's TIMESTAMP_NS holds) read negative and are refused.
   */
  static Instant time(long nanos, String field) {
    if (nanos == 0) {
      throw new IllegalArgumentException(field + ": missing");
    }
    if (nanos < 0) {
      throw new IllegalArgumentException(
          field + ": timestamp out of range: " + Long.toUnsignedString(nanos));
    }
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }

  /** A 16-byte trace id or 8-byte span id as hex; empty (not set) gives null. */
  static String id(com.google.protobuf.ByteString raw, int length, String field) {
    if (raw.isEmpty()) {
      return null;
    }
    if (raw.size() != length) {
      throw new IllegalArgumentException(
          field + ": expected " + length + " bytes, got " + raw.size());
    }
    return HexFormat.of().formatHex(raw.toByteArray());
  }
}
