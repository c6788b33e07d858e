package dev.warroom.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The truth file of a folder of labelled incident bundles, as {@code warroom eval bundles} reads
 * it: one JSON object whose keys are bundle folder names and whose values hold the root cause,
 *
 * <pre>{@code
 * { "incident-2024-03-01": {"service": "cartservice", "fault": "cpu_contention",
 *                           "component": "cartservice-5d8f7c9b6-x2kqz",
 *                           "onset": "2024-03-01T10:02:00Z"} }
 * }</pre>
 *
 * Only {@code service} is required; {@code fault} is a free label used to group the scores
 * (missing: "unlabelled"); {@code pod} is read as {@code component}; other fields are ignored.
 */
public final class IncidentLabels {
  private IncidentLabels() {}

  /** The root cause of one labelled incident. */
  public record Label(String service, String fault, String component, Instant onset) {
    public Label {
      if (service == null || service.isBlank()) {
        throw new IllegalArgumentException("blank service");
      }
      fault = fault == null || fault.isBlank() ? "unlabelled" : fault;
    }
  }

  /**
   * Reads a truth file.
   *
   * @throws InvalidInputException naming the file and the entry when it is malformed
   */
  public static Map<String, Label> read(Path file) {
    Objects.requireNonNull(file, "file");
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          file + ":" + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(
          file + ": expected a JSON object of bundle name -> {service, fault, ...}");
    }
    Map<String, Label> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String where = file + ": /" + e.getKey();
      if (!v.isObject()) {
        throw new InvalidInputException(where + ": expected an object with a 'service'");
      }
      String service = text(v, "service");
      if (service == null || service.isBlank()) {
        throw new InvalidInputException(where + "/service: missing or blank");
      }
      String component = text(v, "component");
      if (component == null) {
        component = text(v, "pod");
      }
      Instant onset = null;
      String onsetText = text(v, "onset");
      if (onsetText != null) {
        try {
          onset = Instant.parse(onsetText);
        } catch (DateTimeParseException ex) {
          throw new InvalidInputException(
              where + "/onset: not an ISO-8601 instant: '" + onsetText + "'");
        }
      }
      out.put(e.getKey(), new Label(service, text(v, "fault"), component, onset));
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(file + ": no labelled bundles");
    }
    return out;
  }

  private static String text(JsonNode v, String field) {
    JsonNode n = v.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
