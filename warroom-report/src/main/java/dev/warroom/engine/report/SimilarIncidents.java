package dev.warroom.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The past incidents most like one report, by {@link IncidentFingerprint} similarity, each with its
 * verdict, its top candidate and any feedback people gave on it.
 */
public final class SimilarIncidents {
  private SimilarIncidents() {}

  /** Incidents less similar than this are not listed: they share next to nothing. */
  public static final double AT_LEAST = 0.1;

  /** A past incident: its id, its report (JSON form) and its feedback, one line each. */
  public record Past(String incidentId, JsonNode report, List<String> feedback) {
    public Past {
      Objects.requireNonNull(incidentId, "incidentId");
      Objects.requireNonNull(report, "report");
      feedback = feedback == null ? List.of() : List.copyOf(feedback);
    }
  }

  /**
   * One match.
   *
   * @param topCause the past report's first candidate, "service (class)", or null
   * @param shared the features both share, heaviest first (at most 6)
   */
  public record Match(
      String incidentId,
      double similarity,
      String verdict,
      String topCause,
      List<String> shared,
      List<String> feedback) {
    public Match {
      shared = List.copyOf(shared);
      feedback = List.copyOf(feedback);
    }
  }

  /**
   * The {@code k} past incidents most similar to {@code report} (at least {@link #AT_LEAST}), most
   * similar first, ties by id; the report's own incident is never listed.
   */
  public static List<Match> rank(JsonNode report, List<Past> history, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("negative k: " + k);
    }
    String self = report.path("incidentId").asText("");
    IncidentFingerprint fp = IncidentFingerprint.of(report);
    List<Match> out = new ArrayList<>();
    for (Past p : history) {
      if (p.incidentId().equals(self)) {
        continue;
      }
      IncidentFingerprint other = IncidentFingerprint.of(p.report());
      double s = fp.similarity(other);
      if (s < AT_LEAST) {
        continue;
      }
      JsonNode top = p.report().path("candidates").path(0);
      String cause =
          top.isMissingNode()
              ? null
              : top.path("service").asText()
                  + (top.path("faultClass").isTextual()
                      ? " (" + top.get("faultClass").asText() + ")"
                      : "");
      List<String> shared = fp.shared(other);
      out.add(
          new Match(
              p.incidentId(),
              s,
              p.report().path("verdict").asText(null),
              cause,
              shared.subList(0, Math.min(6, shared.size())),
              p.feedback()));
    }
    out.sort(
        Comparator.comparingDouble(Match::similarity).reversed().thenComparing(Match::incidentId));
    return out.subList(0, Math.min(k, out.size()));
  }

  /** The JSON form listed under a report's {@code similarIncidents}. */
  public static ArrayNode toJson(List<Match> matches) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Match m : matches) {
      var n = a.addObject();
      n.put("incidentId", m.incidentId());
      n.put("similarity", Math.round(m.similarity() * 1000) / 1000.0);
      n.put("verdict", m.verdict());
      n.put("topCause", m.topCause());
      m.shared().forEach(n.putArray("shared")::add);
      m.feedback().forEach(n.putArray("feedback")::add);
    }
    return a;
  }

  /** A Markdown section listing the matches (empty text when there are none). */
  public static String markdown(List<Match> matches) {
    if (matches.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("\n## Similar past incidents\n\n");
    for (Match m : matches) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "- %s (similarity %.2f): %s%s; shared: %s%s%n",
              m.incidentId(),
              m.similarity(),
              m.verdict(),
              m.topCause() == null ? "" : ", top cause " + m.topCause(),
              String.join(", ", m.shared()),
              m.feedback().isEmpty() ? "" : "; feedback: " + String.join(" | ", m.feedback())));
    }
    return sb.toString();
  }
}
