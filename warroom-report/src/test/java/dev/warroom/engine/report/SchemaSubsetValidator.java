package dev.warroom.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validator for the subset of JSON Schema 2020-12 that docs/report.schema.json uses: type, enum,
 * const, required, properties, additionalProperties, items, minimum, maximum, minLength, oneOf,
 * local $ref ({@code #/$defs/name}) and format date-time. Any other keyword is an error, so the
 * schema cannot silently rely on something this validator ignores.
 */
final class SchemaSubsetValidator {
  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "title", "description", "$defs");
  private static final Set<String> KEYWORDS =
      Set.of(
          "type",
          "enum",
          "const",
          "required",
          "properties",
          "additionalProperties",
          "items",
          "minimum",
          "maximum",
          "minLength",
          "oneOf",
          "$ref",
          "format");

  private final JsonNode root;

  SchemaSubsetValidator(JsonNode root) {
    this.root = root;
  }

  /** Every violation as {@code /json/pointer: problem}; empty when the instance is valid. */
  List<String> validate(JsonNode instance) {
    List<String> errors = new ArrayList<>();
    validate(root, instance, "", errors);
    return errors;
  }

  /** Every violation of {@code instance} against the definition {@code ref} ({@code #/$defs/x}). */
  List<String> validate(JsonNode instance, String ref) {
    List<String> errors = new ArrayList<>();
    validate(resolve(ref), instance, "", errors);
    return errors;
  }

  JsonNode schema() {
    return root;
  }

  private void validate(JsonNode schema, JsonNode node, String path, List<String> errors) {
    String at = path.isEmpty() ? "/" : path;
    for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYWORDS.contains(k) && !ANNOTATIONS.contains(k)) {
        throw new IllegalArgumentException("schema uses unsupported keyword '" + k + "' at " + at);
      }
    }
    if (schema.has("$ref")) {
      validate(resolve(schema.get("$ref").asText()), node, path, errors);
    }
    if (schema.has("type") && !typeMatches(schema.get("type"), node)) {
      errors.add(at + ": expected type " + schema.get("type") + " but was " + node.getNodeType());
      return;
    }
    if (schema.has("const") && !schema.get("const").equals(node)) {
      errors.add(at + ": expected " + schema.get("const") + " but was " + node);
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode v : schema.get("enum")) {
        found |= v.equals(node);
      }
      if (!found) {
        errors.add(at + ": " + node + " is not one of " + schema.get("enum"));
      }
    }
    if (schema.has("oneOf")) {
      int matches = 0;
      for (JsonNode option : schema.get("oneOf")) {
        List<String> sub = new ArrayList<>();
        validate(option, node, path, sub);
        matches += sub.isEmpty() ? 1 : 0;
      }
      if (matches != 1) {
        errors.add(at + ": matches " + matches + " of the oneOf alternatives, not exactly 1");
      }
    }
    if (node.isNumber()) {
      if (schema.has("minimum") && node.asDouble() < schema.get("minimum").asDouble()) {
        errors.add(at + ": " + node + " < minimum " + schema.get("minimum"));
      }
      if (schema.has("maximum") && node.asDouble() > schema.get("maximum").asDouble()) {
        errors.add(at + ": " + node + " > maximum " + schema.get("maximum"));
      }
    }
    if (node.isTextual()) {
      if (schema.has("minLength") && node.asText().length() < schema.get("minLength").asInt()) {
        errors.add(at + ": string shorter than " + schema.get("minLength"));
      }
      if (schema.has("format") && schema.get("format").asText().equals("date-time")) {
        try {
          Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
          errors.add(at + ": not a date-time: " + node);
        }
      }
    }
    if (node.isObject()) {
      object(schema, node, path, errors);
    }
    if (node.isArray() && schema.has("items")) {
      for (int i = 0; i < node.size(); i++) {
        validate(schema.get("items"), node.get(i), path + "/" + i, errors);
      }
    }
  }

  private void object(JsonNode schema, JsonNode node, String path, List<String> errors) {
    if (schema.has("required")) {
      for (JsonNode r : schema.get("required")) {
        if (!node.has(r.asText())) {
          errors.add(
              (path.isEmpty() ? "/" : path) + ": missing required property '" + r.asText() + "'");
        }
      }
    }
    JsonNode properties = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String childPath = path + "/" + field.getKey();
      if (properties != null && properties.has(field.getKey())) {
        validate(properties.get(field.getKey()), field.getValue(), childPath, errors);
      } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
        errors.add(childPath + ": property not allowed by the schema");
      } else if (additional != null && additional.isObject()) {
        validate(additional, field.getValue(), childPath, errors);
      }
    }
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#/$defs/")) {
      throw new IllegalArgumentException("only local #/$defs/ references are supported: " + ref);
    }
    JsonNode target = root.path("$defs").get(ref.substring("#/$defs/".length()));
    if (target == null) {
      throw new IllegalArgumentException("dangling $ref " + ref);
    }
    return target;
  }

  private static boolean typeMatches(JsonNode type, JsonNode node) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, node)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> node.isObject();
      case "array" -> node.isArray();
      case "string" -> node.isTextual();
      case "number" -> node.isNumber();
      case "integer" -> node.isIntegralNumber();
      case "boolean" -> node.isBoolean();
      case "null" -> node.isNull();
      default -> throw new IllegalArgumentException("unknown type " + type);
    };
  }
}
