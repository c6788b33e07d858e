package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.report.SimilarIncidents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/incidents?similar_to=ID[&limit=K]}: the past incidents whose reports are most
 * like ID's ({@link SimilarIncidents}, weighted Jaccard over finding fingerprints), each with its
 * verdict, top cause, the features shared and the feedback people gave. Compares with the {@link
 * #SCAN} most recent incidents that have a report.
 */
final class SimilarIncidentsApi {
  /** How many recent incidents are compared with. */
  static final int SCAN = 2000;

  private final IncidentRepository repo;
  private final ObjectMapper json = new ObjectMapper();

  SimilarIncidentsApi(IncidentRepository repo) {
    this.repo = repo;
  }

  /**
   * The matches as a JSON array, most similar first.
   *
   * @throws AlertIntake.NotFound when there is no such incident or it has no report yet
   */
  ArrayNode search(String id, int limit) {
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit: expected 1..100 with similar_to: " + limit);
    }
    repo.get(id).orElseThrow(() -> new AlertIntake.NotFound("no incident " + id));
    JsonNode report =
        read(repo.report(id, "json"))
            .orElseThrow(() -> new AlertIntake.NotFound("incident " + id + " has no report yet"));
    List<SimilarIncidents.Past> history = new ArrayList<>();
    for (Incident i : repo.list(SCAN)) {
      if (i.id().equals(id)) {
        continue;
      }
      Optional<JsonNode> r = read(repo.report(i.id(), "json"));
      if (r.isEmpty()) {
        continue;
      }
      List<String> fb = new ArrayList<>();
      for (Feedback f : repo.feedback(i.id())) {
        fb.add(line(f));
      }
      history.add(new SimilarIncidents.Past(i.id(), r.get(), fb));
    }
    ArrayNode out = SimilarIncidents.toJson(SimilarIncidents.rank(report, history, limit));
    // the incident's own headline beside each match
    for (JsonNode n : out) {
      repo.get(n.path("incidentId").asText())
          .ifPresent(
              i -> {
                ((ObjectNode) n).put("title", i.title());
                ((ObjectNode) n).put("createdAt", i.createdAt().toString());
              });
    }
    return out;
  }

  /**
   * A stored JSON report with its {@code similarIncidents} (the 5 most similar past incidents)
   * added; the text unchanged when it does not parse or nothing is similar.
   */
  String withSimilar(String id, String reportJson) {
    Optional<JsonNode> r = read(Optional.of(reportJson));
    if (r.isEmpty() || !r.get().isObject()) {
      return reportJson;
    }
    ArrayNode similar = search(id, 5);
    if (similar.isEmpty()) {
      return reportJson;
    }
    ((ObjectNode) r.get()).set("similarIncidents", similar);
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(r.get()) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("re-writing the report of " + id, e);
    }
  }

  static String line(Feedback f) {
    StringBuilder sb = new StringBuilder(f.correct() ? "confirmed" : "wrong");
    if (f.trueRootCause() != null && !f.trueRootCause().isBlank()) {
      sb.append(": true root cause ").append(f.trueRootCause());
    }
    if (f.comment() != null && !f.comment().isBlank()) {
      sb.append(" (").append(f.comment()).append(')');
    }
    return sb.toString();
  }

  private Optional<JsonNode> read(Optional<String> text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readTree(text.get()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // a stored report is written by this server; one that does not parse is not comparable
      return Optional.empty();
    }
  }
}
