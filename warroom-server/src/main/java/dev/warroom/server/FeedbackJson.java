package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.InvalidInputException;
import java.io.IOException;
import java.time.Instant;

/** Reads {@code {"correct": true|false, "trueRootCause": "...", "comment": "..."}}. */
final class FeedbackJson {
  private FeedbackJson() {}

  static Feedback parse(
      ObjectMapper json, byte[] body, String incidentId, Instant at, String givenBy) {
    JsonNode doc;
    try {
      doc = json.readTree(body);
    } catch (IOException e) {
      throw new InvalidInputException(
          "body#: not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (doc == null || !doc.isObject()) {
      throw new InvalidInputException("body#: expected a JSON object");
    }
    JsonNode c = doc.get("correct");
    if (c == null || !c.isBoolean()) {
      throw new InvalidInputException("body#/correct: expected true or false");
    }
    String root = text(doc, "trueRootCause");
    if (!c.booleanValue() && (root == null || root.isBlank())) {
      throw new InvalidInputException(
          "body#/trueRootCause: required when the report is wrong (correct=false)");
    }
    return new Feedback(incidentId, c.booleanValue(), root, text(doc, "comment"), at, givenBy);
  }

  private static String text(JsonNode doc, String field) {
    JsonNode n = doc.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new InvalidInputException("body#/" + field + ": expected a string");
    }
    return n.asText();
  }
}
