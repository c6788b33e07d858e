package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.Alert;
import dev.warroom.model.AlertSource;
import dev.warroom.model.AlertStatus;
import dev.warroom.model.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an Opsgenie outgoing webhook ({@code {"action": "Create"|"Close"|…, "alert": {"alertId",
 * "alias", "message", "priority", "createdAt" (epoch ms), "tags", "details", "entity"}}}, as in
 * Opsgenie's webhook integration docs). {@code Close} and {@code Delete} are resolutions; the
 * fingerprint is the alias (Opsgenie's own de-duplication key), else the alert id.
 */
final class OpsgenieAlerts {
  private OpsgenieAlerts() {}

  static Alert parse(JsonNode doc, String src) {
    if (doc == null || !doc.isObject()) {
      throw new InvalidInputException(src + "#: expected a JSON object");
    }
    JsonNode a = doc.get("alert");
    if (a == null || !a.isObject()) {
      throw new InvalidInputException(src + "#/alert: expected the alert object");
    }
    String action = doc.path("action").asText("");
    if (action.isBlank()) {
      throw new InvalidInputException(src + "#/action: missing (Create, Close, …)");
    }
    String alias = a.path("alias").asText("");
    String id = a.path("alertId").asText("");
    String fingerprint = !alias.isBlank() ? alias : id;
    if (fingerprint.isBlank()) {
      throw new InvalidInputException(src + "#/alert/alias: missing (and no /alert/alertId)");
    }
    String message = a.path("message").asText("");
    if (message.isBlank()) {
      throw new InvalidInputException(src + "#/alert/message: missing");
    }
    JsonNode created = a.get("createdAt");
    if (created == null
        || !created.isIntegralNumber()
        || !created.canConvertToLong()
        || created.asLong() < 0
        || created.asLong() > 253_402_300_799_999L) {
      throw new InvalidInputException(
          src + "#/alert/createdAt: expected epoch milliseconds between 1970 and 9999");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    a.path("details").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    String service = labels.getOrDefault("service", a.path("entity").asText(null));
    String severity =
        switch (a.path("priority").asText("P3")) {
          case "P1", "P2" -> "critical";
          case "P3" -> "warning";
          default -> "info";
        };
    AlertStatus status =
        switch (action.toLowerCase(Locale.ROOT)) {
          case "close", "delete" -> AlertStatus.RESOLVED;
          default -> AlertStatus.FIRING;
        };
    return new Alert(
        fingerprint,
        AlertSource.OPSGENIE,
        status,
        message,
        labels.getOrDefault("signal", ""),
        service,
        severity,
        labels,
        Map.of("description", a.path("description").asText("")),
        Instant.ofEpochMilli(created.asLong()),
        null);
  }
}
