package dev.warroom.server;

import java.time.Instant;
import java.util.Objects;

/**
 * An incident as the server keeps it: one per alert group firing episode (fingerprint and start
 * time), with its investigation state and, when done, the report's headline.
 *
 * @param alertJson the alert in warroom's generic JSON form (AlertParser.toJson)
 * @param alertStatus {@code firing} or {@code resolved}, from the latest notification
 * @param verdict the report's verdict when done, else null
 * @param summary the report's summary when done, else null
 * @param error why the investigation failed, else null
 */
public record Incident(
    String id,
    String dedupKey,
    String fingerprint,
    String source,
    String title,
    String service,
    String alertStatus,
    IncidentState state,
    String alertJson,
    Instant createdAt,
    Instant updatedAt,
    String verdict,
    String summary,
    String error) {
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
