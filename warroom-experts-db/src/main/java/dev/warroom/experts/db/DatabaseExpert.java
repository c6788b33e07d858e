package dev.warroom.experts.db;

import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The database expert: given statement counters of a baseline and an incident window, the plans of
 * the statements involved and the current lock waits, it names (1) the statements whose load rose
 * with the incident, (2) full scans of large tables with the index that would avoid them, and (3)
 * the sessions and statements that block others. A pure function of its inputs; the collectors
 * ({@link PostgresCollector}, {@link MariaDbCollector}) and {@link DbStatsFiles} produce them.
 */
public final class DatabaseExpert {
  /** The expert's name in {@link Finding#expert()}. */
  public static final String NAME = "db";

  private final DatabaseExpertConfig config;
  private final StatementNormalizer normalizer = new StatementNormalizer();
  private final PredicateColumns predicates = new PredicateColumns();

  public DatabaseExpert() {
    this(DatabaseExpertConfig.defaults());
  }

  public DatabaseExpert(DatabaseExpertConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The digest form of one statement's text (literals masked, IN lists and VALUES rows collapsed;
   * see {@link StatementNormalizer}), so statements named in logs group as pg_stat_statements and
   * performance_schema digests do.
   */
  public String digest(String sql) {
    return normalizer.normalize(Objects.requireNonNull(sql, "sql"));
  }

  /** {@link #analyze(String, StatementStats, StatementStats, List, List)} for "database". */
  public List<Finding> analyze(
      StatementStats baseline, StatementStats incident, List<Plan> plans, List<LockWait> locks) {
    return analyze("database", baseline, incident, plans, locks);
  }

  /**
   * Findings about database {@code service} (the name the topology knows it by), strongest first.
   * {@code baseline} may be null when only the incident window is known; {@code plans} and {@code
   * locks} may be empty.
   */
  public List<Finding> analyze(
      String service,
      StatementStats baseline,
      StatementStats incident,
      List<Plan> plans,
      List<LockWait> locks) {
    Objects.requireNonNull(incident, "incident");
    List<LoadShift> shifts = LoadShift.rising(baseline, incident, config, normalizer);
    Evidences ids = new Evidences();
    Map<String, Evidence> loadEvidence = new LinkedHashMap<>();
    List<Finding> out = new ArrayList<>();
    for (LoadShift shift : shifts) {
      Evidence evidence = shift.evidence(ids.next("load"));
      loadEvidence.put(shift.key(), evidence);
      out.add(shift.finding(service, evidence));
    }
    for (Plan plan : plans) {
      out.addAll(fullScans(service, plan, loadEvidence.get(normalizer.key(plan.statement())), ids));
    }
    out.addAll(LockAnalysis.findings(service, locks, config, predicates, normalizer, ids));
    out.sort(Comparator.comparingDouble(Finding::score).reversed());
    return List.copyOf(out);
  }

  private List<Finding> fullScans(String service, Plan plan, Evidence shift, Evidences ids) {
    List<Finding> out = new ArrayList<>();
    List<IndexProposal> proposals = predicates.proposals(plan.statement());
    String digest = normalizer.normalize(plan.statement());
    Map<String, String> aliases = predicates.aliases(plan.statement());
    for (TableAccess named : plan.accesses()) {
      double rows = plan.rowsOf(named);
      TableAccess access =
          new TableAccess(
              aliases.getOrDefault(named.table(), named.table()),
              named.kind(),
              named.index(),
              named.rowsRead(),
              named.filter());
      if (access.kind() == AccessKind.INDEX_LOOKUP || rows < config.largeTableRows()) {
        continue;
      }
      IndexProposal proposal =
          proposals.stream().filter(p -> p.table().equals(access.table())).findFirst().orElse(null);
      String how = access.kind() == AccessKind.FULL_SCAN ? "full scan" : "full index scan";
      String summary =
          String.format(
              "%s of %s (%,.0f rows) by `%s`%s",
              how,
              access.table(),
              rows,
              digest,
              proposal == null
                  ? "; no WHERE/JOIN predicate on it to index"
                  : "; missing index on "
                      + access.table()
                      + " "
                      + proposal.columns()
                      + ": propose "
                      + proposal.ddl());
      // a scan of a statement whose load rose explains the incident; one that did not is a risk
      double score = (proposal == null ? 0.4 : 0.6) + (shift == null ? 0 : 0.4);
      List<String> rows2 = new ArrayList<>();
      rows2.add(how + " " + access.table() + " rows=" + Math.round(rows));
      if (!access.filter().isEmpty()) {
        rows2.add("filter: " + access.filter());
      }
      if (proposal != null) {
        rows2.add("proposed: " + proposal.ddl());
      }
      List<String> entities = new ArrayList<>(List.of(access.table(), digest));
      if (proposal != null) {
        entities.add(proposal.ddl());
      }
      Evidence evidence =
          new Evidence(
              ids.next("plan"),
              EvidenceKind.DATABASE,
              plan.dialect() == SqlDialect.POSTGRES
                  ? "EXPLAIN (FORMAT JSON)"
                  : "EXPLAIN FORMAT=JSON",
              plan.statement(),
              Map.of(),
              summary,
              rows2,
              entities,
              null,
              null);
      out.add(
          new Finding(
              NAME,
              service,
              service == null ? access.table() : service,
              FaultClass.SLOW_QUERY,
              summary,
              Math.min(1, score),
              null,
              shift == null ? List.of(evidence) : List.of(evidence, shift),
              proposal == null
                  ? new FindingDetail.FullScan(
                      access.table(), digest, rows, access.kind() != AccessKind.FULL_SCAN)
                  : new FindingDetail.MissingIndex(
                      access.table(),
                      proposal.columns(),
                      digest,
                      rows,
                      proposal.ddl(),
                      access.kind() != AccessKind.FULL_SCAN)));
    }
    return out;
  }

  /** Hands out evidence ids unique within one analysis ("db:load:1", "db:plan:2", …). */
  static final class Evidences {
    private int next;

    String next(String kind) {
      return NAME + ":" + kind + ":" + (++next);
    }
  }
}
