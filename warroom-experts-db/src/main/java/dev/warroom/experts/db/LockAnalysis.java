package dev.warroom.experts.db;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups lock waits by the session at the head of each wait chain (a blocker that is not itself
 * waiting; pg_blocking_pids and innodb_lock_waits report direct blockers only, so a chain A <- B <-
 * C must be followed to A) and reports each head with the statement it holds the lock with.
 */
final class LockAnalysis {
  private LockAnalysis() {}

  static List<Finding> findings(
      String service,
      List<LockWait> locks,
      DatabaseExpertConfig config,
      PredicateColumns predicates,
      StatementNormalizer normalizer,
      DatabaseExpert.Evidences ids) {
    Map<String, LockWait> waitingOn = new LinkedHashMap<>();
    for (LockWait w : locks) {
      if (w.waited().compareTo(config.minWait()) >= 0) {
        waitingOn.putIfAbsent(w.waitingSession(), w);
      }
    }
    Map<String, List<LockWait>> byHead = new LinkedHashMap<>();
    Map<String, LockWait> headEdge = new LinkedHashMap<>();
    for (LockWait w : waitingOn.values()) {
      String head = w.blockingSession();
      LockWait edge = w;
      Set<String> seen = new HashSet<>();
      while (waitingOn.containsKey(head) && seen.add(head)) {
        edge = waitingOn.get(head);
        head = edge.blockingSession();
      }
      byHead.computeIfAbsent(head, k -> new ArrayList<>()).add(w);
      headEdge.putIfAbsent(head, edge);
    }
    List<Finding> out = new ArrayList<>();
    for (var e : byHead.entrySet()) {
      LockWait edge = headEdge.get(e.getKey());
      List<LockWait> waits = e.getValue();
      Duration longest =
          waits.stream().map(LockWait::waited).max(Duration::compareTo).orElseThrow();
      Set<String> relations = new LinkedHashSet<>();
      for (LockWait w : waits) {
        if (!w.relation().isEmpty()) {
          relations.add(w.relation());
        } else {
          relations.addAll(predicates.tables(w.waitingStatement()));
        }
      }
      String blocker =
          edge.blockingStatement().isEmpty()
              ? "(statement unknown)"
              : normalizer.normalize(edge.blockingStatement());
      String summary =
          String.format(
              "session %s%s blocks %d session(s) for up to %.1f s on %s; %s: `%s`",
              e.getKey(),
              edge.blockingState().isEmpty() ? "" : " (" + edge.blockingState() + ")",
              waits.size(),
              longest.toMillis() / 1000.0,
              relations.isEmpty() ? "an unknown relation" : String.join(", ", relations),
              // an idle blocker's text is the last statement of its open transaction, which is
              // the lock taker only when nothing ran after it
              // PostgreSQL says "idle in transaction", MySQL's processlist "Sleep"
              edge.blockingState().startsWith("idle")
                      || edge.blockingState().equalsIgnoreCase("sleep")
                  ? "last statement of the blocking transaction"
                  : "blocking statement",
              blocker);
      List<String> rows = new ArrayList<>();
      for (LockWait w : waits) {
        rows.add(
            String.format(
                "session %s waits %.1f s%s for %s: %s",
                w.waitingSession(),
                w.waited().toMillis() / 1000.0,
                w.lockMode().isEmpty() ? "" : " (" + w.lockMode() + ")",
                w.blockingSession(),
                normalizer.normalize(w.waitingStatement().isEmpty() ? "?" : w.waitingStatement())));
      }
      List<String> entities = new ArrayList<>(relations);
      entities.add("session " + e.getKey());
      entities.add(blocker);
      Evidence evidence =
          new Evidence(
              ids.next("locks"),
              EvidenceKind.DATABASE,
              "lock waits",
              edge.blockingStatement(),
              Map.of(),
              summary,
              rows,
              entities,
              null,
              null);
      // many waiters and long waits make a stronger case; 30 s of waiting saturates it
      double score =
          Math.min(1, 0.5 + 0.05 * waits.size() + 0.3 * Math.min(1, longest.toSeconds() / 30.0));
      out.add(
          new Finding(
              DatabaseExpert.NAME,
              service,
              service == null ? "database" : service,
              FaultClass.LOCK_CONTENTION,
              summary,
              score,
              null,
              List.of(evidence),
              new FindingDetail.LockWait(
                  e.getKey(),
                  edge.blockingState(),
                  edge.blockingStatement().isEmpty() ? "" : blocker,
                  waits.size(),
                  longest.toMillis() / 1000.0,
                  List.copyOf(relations))));
    }
    return out;
  }
}
