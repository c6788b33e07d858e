package dev.warroom.connectors.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.WarroomException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the JSON envelope of the Prometheus HTTP API ({@code {"status":"success","data":…}}):
 * {@code matrix} and {@code vector} results as series of samples, label-value lists, series lists.
 * Sample values arrive as strings; {@code "NaN"}, {@code "+Inf"} and {@code "-Inf"} are read as the
 * matching doubles. Timestamps are Unix seconds with up to millisecond precision.
 */
final class PromJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromJson() {}

  /** One series of a result: its labels (with {@code __name__} when Prometheus kept it). */
  record Series(Map<String, String> labels, long[] timestampsMillis, double[] values) {}

  static JsonNode data(String body, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new WarroomException.NonRetriable(where + ": the answer is not JSON", null);
    }
    if (root == null || !"success".equals(root.path("status").asText())) {
      String err = root == null ? "" : root.path("error").asText("");
      throw new WarroomException.NonRetriable(
          where
              + ": Prometheus answered status "
              + (root == null ? "?" : root.path("status"))
              + (err.isEmpty() ? "" : ": " + err),
          null);
    }
    return root.path("data");
  }

  /** The series of a {@code matrix} or {@code vector} result. */
  static List<Series> series(String body, String where) {
    JsonNode data = data(body, where);
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    List<Series> out = new ArrayList<>(result.size());
    for (JsonNode r : result) {
      Map<String, String> labels = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = r.path("metric").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        labels.put(e.getKey(), e.getValue().asText());
      }
      switch (type) {
        case "matrix" -> {
          JsonNode values = r.path("values");
          long[] ts = new long[values.size()];
          double[] vs = new double[values.size()];
          for (int i = 0; i < ts.length; i++) {
            JsonNode p = values.get(i);
            ts[i] = millis(p.get(0));
            vs[i] = value(p.get(1).asText());
          }
          out.add(new Series(labels, ts, vs));
        }
        case "vector" -> {
          JsonNode p = r.path("value");
          out.add(
              new Series(
                  labels, new long[] {millis(p.get(0))}, new double[] {value(p.get(1).asText())}));
        }
        default ->
            throw new WarroomException.NonRetriable(
                where + ": unexpected result type '" + type + "'", null);
      }
    }
    return out;
  }

  /** A list of strings ({@code /api/v1/label/…/values}). */
  static List<String> strings(String body, String where) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : data(body, where)) {
      out.add(n.asText());
    }
    return out;
  }

  /** A list of label sets ({@code /api/v1/series}). */
  static List<Map<String, String>> labelSets(String body, String where) {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode n : data(body, where)) {
      Map<String, String> m = new TreeMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
      out.add(m);
    }
    return out;
  }

  static long millis(JsonNode t) {
    // decimalValue keeps the digits Prometheus wrote (1714564800.015), with no binary rounding
    return t.decimalValue()
        .movePointRight(3)
        .setScale(0, java.math.RoundingMode.HALF_UP)
        .longValue();
  }

  static double value(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }
}
