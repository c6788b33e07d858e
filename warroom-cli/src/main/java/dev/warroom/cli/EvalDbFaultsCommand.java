package dev.warroom.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.agents.StoreTelemetrySource;
import dev.warroom.engine.agents.TelemetrySource;
import dev.warroom.engine.director.Director;
import dev.warroom.experts.db.BundleDatabase;
import dev.warroom.experts.db.DatabaseExpert;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.RcaReport;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom eval dbfaults}: the database expert on gym episodes' {@code db/} statistics. A hit
 * for {@code unindexed_query} is a top finding that names the truth's table, statement and an index
 * led by the truth's column; for {@code lock_contention} one that names the blocking session; a
 * control episode is a false alarm when any database gets a lock or missing-index finding.
 */
@Command(
    name = "dbfaults",
    mixinStandardHelpOptions = true,
    description =
        "Generates gym episodes of database faults (unindexed_query, lock_contention) on every"
            + " SQL database of bank and market, plus control episodes, runs the database expert"
            + " on each episode's db/ statistics and prints top-1 accuracy and false alarms.",
    footer = {"", "Example:", "  warroom eval dbfaults --seeds 4000..4004 --json"})
final class EvalDbFaultsCommand implements Callable<Integer> {
  /** System and database pairs with SQL statistics (shop has no SQL database). */
  static final List<String[]> TARGETS =
      List.of(
          new String[] {"bank", "accounts-db"},
          new String[] {"bank", "ledger-db"},
          new String[] {"market", "orders-db"},
          new String[] {"market", "users-db"},
          new String[] {"market", "catalog-db"});

  @Spec CommandSpec spec;

  @Option(
      names = "--seeds",
      paramLabel = "A..B",
      defaultValue = "1000..1001",
      description = "Episode seeds, inclusive (default: ${DEFAULT-VALUE}).")
  String seeds;

  @Option(names = "--json", description = "Print per-episode outcomes and accuracies as JSON.")
  boolean json;

  @Option(
      names = "--engine",
      description =
          "Also investigate each fault episode with the Director, once without and once with the"
              + " db/ statistics, and count top candidates with the truth's service and fault"
              + " class.")
  boolean engine;

  record Outcome(String episode, String fault, String database, boolean hit, String top) {}

  /** Director top-1 (service and fault class) without and with the db/ statistics. */
  private final int[] engineHits = new int[3];

  @Override
  public Integer call() throws Exception {
    FaultBenchReport.Seeds range = FaultBenchReport.Seeds.parse(seeds);
    Gym gym = new Gym();
    DatabaseExpert expert = new DatabaseExpert();
    List<Outcome> outcomes = new ArrayList<>();
    for (long seed = range.from(); seed <= range.to(); seed++) {
      for (String[] t : TARGETS) {
        for (FaultType f : List.of(FaultType.UNINDEXED_QUERY, FaultType.LOCK_CONTENTION)) {
          Scenario sc = small(Scenario.of(SystemCatalog.get(t[0]), f).withTarget(t[1], null));
          Optional<Episode> episode = FaultBenchReport.episode(gym, seed, sc);
          if (episode.isEmpty()) {
            continue;
          }
          Episode ep = episode.get();
          List<Finding> fs = analyze(ep, t[1], expert);
          Map<String, String> p = ep.truth().parameters();
          Finding top = fs.isEmpty() ? null : fs.getFirst();
          // scored on the findings' typed details; the summaries are for people
          boolean hit =
              top != null
                  && (f == FaultType.UNINDEXED_QUERY
                      ? top.faultClass() == FaultClass.SLOW_QUERY
                          && top.detail() instanceof FindingDetail.MissingIndex m
                          && !m.indexScan()
                          && m.table().equals(p.get("db_table"))
                          && !m.columns().isEmpty()
                          && m.columns().getFirst().equals(p.get("db_index_column"))
                      : top.faultClass() == FaultClass.LOCK_CONTENTION
                          && top.detail() instanceof FindingDetail.LockWait w
                          && w.blockingSession().equals(p.get("db_blocker_session")));
          outcomes.add(new Outcome(ep.id(), f.id(), t[1], hit, summary(top)));
          if (engine) {
            investigate(ep);
          }
        }
      }
      for (String system : List.of("bank", "market")) {
        Episode ep = gym.reset(seed, small(Scenario.control(SystemCatalog.get(system))));
        Finding alarm = null;
        for (DatabaseStats d : ep.bundle().databases()) {
          for (Finding f : analyze(ep, d.component(), expert)) {
            if (alarm == null
                && (f.faultClass() == FaultClass.LOCK_CONTENTION
                    || f.detail() instanceof FindingDetail.MissingIndex)) {
              alarm = f;
            }
          }
        }
        outcomes.add(new Outcome(ep.id(), "control", "*", alarm == null, summary(alarm)));
      }
    }
    print(outcomes);
    return ExitCodes.OK;
  }

  private void investigate(Episode ep) {
    // Once with the bundle's db/ statistics hidden, once with them.
    try (DuckDbStore without = DuckDbStore.inMemory();
        DuckDbStore with = DuckDbStore.inMemory()) {
      without.ingest(ep.bundle().withDatabases(java.util.List.of()));
      with.ingest(ep.bundle());
      engineHits[0] += right(ep, new StoreTelemetrySource(without)) ? 1 : 0;
      engineHits[1] += right(ep, new StoreTelemetrySource(with)) ? 1 : 0;
      engineHits[2]++;
    }
  }

  private static boolean right(Episode ep, TelemetrySource source) {
    RcaReport r =
        Director.standard()
            .investigate(source, ep.alert(), ep.bundle().manifest().window(), ep.id(), null)
            .report();
    return r.top() != null
        && r.top().service().equals(ep.truth().rootCauseService())
        && r.top().faultClass() == ep.truth().faultClass();
  }

  private static Scenario small(Scenario sc) {
    return sc.withWindow(Duration.ofMinutes(30), Duration.ofDays(1));
  }

  private static List<Finding> analyze(Episode ep, String db, DatabaseExpert expert) {
    for (DatabaseStats d : ep.bundle().databases()) {
      if (d.component().equals(db)) {
        return BundleDatabase.of(d).analyze(expert);
      }
    }
    return List.of();
  }

  private static String summary(Finding f) {
    if (f == null) {
      return "(none)";
    }
    String s = f.summary().replace('\n', ' ');
    return s.length() > 160 ? s.substring(0, 160) + "…" : s;
  }

  private void print(List<Outcome> outcomes) throws Exception {
    List<FaultBenchReport.FaultScore> byFault =
        FaultBenchReport.perFault(outcomes, Outcome::fault, Outcome::hit);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("seeds", seeds);
      FaultBenchReport.putPerFault(root, byFault, "accuracy");
      if (engine) {
        ObjectNode e = root.putObject("engine_top1_service_and_class");
        e.put("episodes", engineHits[2]);
        e.put("without_db_stats", engineHits[0]);
        e.put("with_db_stats", engineHits[1]);
      }
      ArrayNode a = root.putArray("outcomes");
      for (Outcome o : outcomes) {
        ObjectNode n = a.addObject();
        n.put("episode", o.episode());
        n.put("fault", o.fault());
        n.put("database", o.database());
        n.put("hit", o.hit());
        n.put("top", o.top());
      }
      FaultBenchReport.printJson(out, root);
    } else {
      for (Outcome o : outcomes) {
        out.printf(
            Locale.ROOT,
            "%-4s %-36s %-11s %s%n",
            FaultBenchReport.mark(o.hit()),
            o.episode(),
            o.database(),
            o.top());
      }
      out.println();
      FaultBenchReport.printPerFault(
          out, byFault, 16, f -> f.equals("control") ? "no false alarm" : "top-1");
      if (engine) {
        out.printf(
            Locale.ROOT,
            "engine top-1 service+class: without db/ %d/%d, with db/ %d/%d%n",
            engineHits[0],
            engineHits[2],
            engineHits[1],
            engineHits[2]);
      }
    }
    out.flush();
  }
}
