package dev.warroom.experts.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database expert on Otrashi gym bundles written to disk as a user would have them: the {@code
 * db/<component>/} files are read with {@link DbStatsFiles} (the expert's own file reader, so the
 * gym's export and the reader agree) and the expert's findings are checked against {@code
 * truth.json}'s culprit statement, table, index column and blocker — PostgreSQL and MySQL systems.
 */
class GymDatabaseFaultsTest {
  @TempDir Path dir;

  private final DbStatsFiles files = new DbStatsFiles();
  private final StatementNormalizer normalizer = new StatementNormalizer();

  record Outcome(Path bundle, JsonNode truth, List<Finding> findings) {
    String param(String name) {
      return truth.path("parameters").path(name).asText();
    }
  }

  private Outcome run(String system, FaultType fault, String target, long seed) throws IOException {
    Scenario sc =
        fault == null
            ? Scenario.control(SystemCatalog.get(system))
            : Scenario.of(SystemCatalog.get(system), fault).withTarget(target, null);
    sc = sc.withWindow(Duration.ofMinutes(20), Duration.ofHours(12)).withTracesPerMinute(20);
    Path out = dir.resolve(system + "-" + fault + "-" + seed);
    new Gym().reset(seed, sc).write(out);
    JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
    String db = target != null ? target : truth.path("root_cause_service").asText();
    Path folder = out.resolve("db").resolve(db);
    return new Outcome(out, truth, Files.isDirectory(folder) ? analyze(folder, db) : List.of());
  }

  private List<Finding> analyze(Path db, String component) throws IOException {
    StatementStats baseline =
        files.readStatementStats(
            db.resolve("statements-baseline.json"), SqlDialect.POSTGRES, null, null);
    StatementStats incident =
        files.readStatementStats(
            db.resolve("statements-incident.json"), SqlDialect.POSTGRES, null, null);
    List<Plan> plans = new ArrayList<>();
    if (Files.isDirectory(db.resolve("plans"))) {
      try (Stream<Path> s = Files.list(db.resolve("plans"))) {
        for (Path p : s.sorted().toList()) {
          plans.add(files.readPlan(p, null));
        }
      }
    }
    List<LockWait> locks =
        Files.exists(db.resolve("lock-waits.json"))
            ? files.readLockWaits(db.resolve("lock-waits.json"))
            : List.of();
    return new DatabaseExpert().analyze(component, baseline, incident, plans, locks);
  }

  private void assertNamesTheUnindexedStatement(Outcome o, String dialect) {
    String table = o.param("db_table");
    String column = o.param("db_index_column");
    assertThat(table).as("truth names the table").isNotBlank();
    Finding top = o.findings().getFirst();
    assertThat(top.faultClass()).isEqualTo(FaultClass.SLOW_QUERY);
    assertThat(top.summary())
        .as("%s top finding", dialect)
        .contains("full scan of " + table)
        .contains(normalizer.normalize(o.param("db_statement")))
        .containsPattern("CREATE INDEX \\S+ ON " + table + " \\(" + column + "[,)]");
    // the statement's load rose too: the plan finding carries the load evidence
    assertThat(top.evidence()).hasSize(2);
  }

  @Test
  void namesTheUnindexedStatementTableAndIndexOnPostgres() throws IOException {
    assertNamesTheUnindexedStatement(
        run("market", FaultType.UNINDEXED_QUERY, "orders-db", 11), "postgresql");
    assertNamesTheUnindexedStatement(
        run("bank", FaultType.UNINDEXED_QUERY, "accounts-db", 12), "postgresql");
  }

  @Test
  void namesTheUnindexedStatementTableAndIndexOnMysql() throws IOException {
    Outcome o = run("market", FaultType.UNINDEXED_QUERY, "catalog-db", 13);
    assertThat(o.truth().path("root_cause_service").asText()).isEqualTo("catalog-db");
    assertNamesTheUnindexedStatement(o, "mysql");
  }

  @Test
  void namesTheBlockingTransactionOfLockContention() throws IOException {
    for (var c :
        List.of(new String[] {"market", "orders-db"}, new String[] {"bank", "ledger-db"})) {
      Outcome o = run(c[0], FaultType.LOCK_CONTENTION, c[1], 21);
      Finding top = o.findings().getFirst();
      assertThat(top.faultClass()).as(c[1]).isEqualTo(FaultClass.LOCK_CONTENTION);
      assertThat(top.summary())
          .startsWith("session " + o.param("db_blocker_session") + " (idle in transaction)")
          .contains(normalizer.normalize(o.param("db_blocker_statement")));
    }
  }

  @Test
  void blamesNoStatementWhenThePoolIsTheProblemOrNothingIsWrong() throws IOException {
    for (Outcome o :
        List.of(
            run("market", FaultType.CONNECTION_POOL_EXHAUSTION, null, 31),
            run("bank", null, null, 32))) {
      List<Finding> all = new ArrayList<>();
      try (Stream<Path> dbs = Files.list(o.bundle().resolve("db"))) {
        for (Path db : dbs.sorted().toList()) {
          all.addAll(analyze(db, db.getFileName().toString()));
        }
      }
      assertThat(all)
          .as(o.truth().path("episode_id").asText())
          .noneMatch(f -> f.faultClass() == FaultClass.LOCK_CONTENTION)
          .noneMatch(f -> f.summary().contains("missing index"));
    }
  }
}
