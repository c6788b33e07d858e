package dev.warroom.engine.agents;

import dev.warroom.model.CodeRef;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.SeriesChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence an investigation retrieved, in order, with ids {@code E1, E2, …}. Evidence made by
 * experts (with their own ids) is re-numbered on entry so ids are unique within a report. A log of
 * one parallel branch uses a provisional prefix ({@code B1.1, B1.2, …}) until the branch is merged.
 */
public final class EvidenceLog {
  private final Map<String, Evidence> byId = new LinkedHashMap<>();

  /** Adopted evidence by its content (id aside): the same fact adopted twice is one record. */
  private final Map<Evidence, Evidence> adopted = new java.util.HashMap<>();

  private final String prefix;

  /** A log with ids {@code E1, E2, …}. */
  public EvidenceLog() {
    this("E");
  }

  /** A log with ids {@code prefix1, prefix2, …}. */
  public EvidenceLog(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("blank evidence id prefix");
    }
    this.prefix = prefix;
  }

  /** Records evidence backed by an observation: its native query and dialect renderings. */
  public Evidence add(
      EvidenceKind kind,
      String source,
      Observation<?> observation,
      String summary,
      List<String> rows,
      List<String> entities,
      SeriesChart chart) {
    Evidence e =
        new Evidence(
            nextId(),
            kind,
            source,
            observation == null ? "" : observation.nativeQuery(),
            observation == null ? Map.of() : observation.rendered(),
            summary,
            rows,
            entities,
            null,
            chart);
    byId.put(e.id(), e);
    return e;
  }

  /** Records evidence about a code line. */
  public Evidence addCode(
      String source, String summary, List<String> rows, List<String> entities, CodeRef code) {
    Evidence e =
        new Evidence(
            nextId(), EvidenceKind.CODE, source, "", Map.of(), summary, rows, entities, code, null);
    byId.put(e.id(), e);
    return e;
  }

  /**
   * Adopts evidence produced elsewhere (an expert), giving it a fresh id and, when the expert did
   * not carry one, the observation's query.
   */
  public Evidence adopt(Evidence expertEvidence, Observation<?> observation) {
    // Two findings of one expert often cite the same statement's counters (a slow query that is
    // also a full scan): one record, cited by both, not the same evidence listed twice (issue 15).
    Evidence key = expertEvidence.withId(CONTENT_KEY);
    Evidence same = observation == null ? adopted.get(key) : null;
    if (same != null) {
      return same;
    }
    Evidence e = expertEvidence.withId(nextId());
    if (e.query().isEmpty() && observation != null) {
      e =
          new Evidence(
              e.id(),
              e.kind(),
              e.source(),
              observation.nativeQuery(),
              observation.rendered(),
              e.summary(),
              e.rows(),
              e.entities(),
              e.code(),
              e.chart());
    }
    byId.put(e.id(), e);
    if (observation == null) {
      adopted.put(key, e);
    }
    return e;
  }

  private static final String CONTENT_KEY = "content";

  private String nextId() {
    return prefix + (byId.size() + 1);
  }

  public Evidence get(String id) {
    return byId.get(id);
  }

  public List<Evidence> all() {
    return new ArrayList<>(byId.values());
  }
}
