package dev.warroom.assist.kb;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.RcaReport;
import dev.warroom.model.RootCauseCandidate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The knowledge-base passages a report cites beside its remediation: the query made from the top
 * candidate (service, component, fault class in words, and the summaries of the findings about that
 * service that point to a fault) and the passages it found. Empty when the report has no candidate:
 * with nothing named, any passage would be a guess.
 */
public record RelatedKnowledge(String query, List<Passage> passages) {
  /** The most finding summaries that go into a query; more dilutes the fault's own words. */
  static final int MAX_FINDINGS = 3;

  public RelatedKnowledge {
    Objects.requireNonNull(query, "query");
    passages = List.copyOf(passages);
  }

  /** Nothing to cite. */
  public static RelatedKnowledge none() {
    return new RelatedKnowledge("", List.of());
  }

  /** The {@code top} passages of {@code kb} for {@code report}'s top candidate. */
  public static RelatedKnowledge forReport(RcaReport report, KnowledgeBase kb, int top) {
    String query = query(report);
    if (query.isBlank()) {
      return none();
    }
    return new RelatedKnowledge(query, kb.search(query, top, SearchMode.HYBRID));
  }

  /** The query for a report; blank when it has no root-cause candidate. */
  public static String query(RcaReport report) {
    RootCauseCandidate top = report.top();
    if (top == null) {
      return "";
    }
    Set<String> parts = new LinkedHashSet<>();
    parts.add(top.service());
    if (!top.component().equals(top.service())) {
      parts.add(top.component());
    }
    if (top.faultClass() != FaultClass.NONE) {
      parts.add(top.faultClass().id().replace('_', ' '));
    }
    List<String> summaries = new ArrayList<>();
    for (Finding f : report.findings()) {
      if (summaries.size() == MAX_FINDINGS) {
        break;
      }
      if (f.faultClass() != null && top.service().equals(f.service())) {
        summaries.add(f.summary());
      }
    }
    parts.addAll(summaries);
    return String.join(" ", parts).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
