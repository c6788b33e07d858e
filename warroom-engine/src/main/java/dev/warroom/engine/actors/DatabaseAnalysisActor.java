package dev.warroom.engine.actors;

import dev.warroom.engine.agents.ExpertDesk;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.LogRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code database_analysis}: database load — rows read, lock waits, slow queries, connection-pool
 * use — from the database exporters' series; where the bundle carries database statistics ({@code
 * db/}: statement counters, plans, lock waits; see {@link
 * dev.warroom.engine.agents.TelemetrySource#databases}) the database expert's findings on them (the
 * statement whose load rose, the full scan and the missing index, the blocking transaction); else
 * the statements named by slow-query and lock log lines.
 */
public final class DatabaseAnalysisActor
    implements Actor<DatabaseAnalysisActor.Input, DatabaseAnalysisActor.Output> {

  /**
   * @param services services (databases included) to look at; empty for all
   */
  public record Input(List<String> services) {
    public Input {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }

  /**
   * @param found whether database load or lock signals shifted
   * @param databases databases or services concerned
   * @param statements statements named by the evidence
   */
  public record Output(boolean found, List<String> databases, List<String> statements) {}

  private static final Pattern SQL =
      Pattern.compile("(?i)\\b(SELECT|UPDATE|INSERT|DELETE)\\b[^\\n]{5,300}");

  @Override
  public String name() {
    return "database_analysis";
  }

  @Override
  public String description() {
    return "database load: rows read, lock waits, slow queries, connection pools";
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Class<Output> outputType() {
    return Output.class;
  }

  @Override
  public Output run(Input in, InvestigationContext ctx) {
    List<Finding> fs =
        new ArrayList<>(
            MetricFindings.record(
                ctx,
                name(),
                e ->
                    e.signal().group() == Signals.Group.DATABASE
                        && MetricFindings.inServices(e, in.services()),
                4));
    List<String> statements = new ArrayList<>();
    if (DbStatsFindings.available(ctx)) {
      DbStatsFindings.Recorded db = DbStatsFindings.record(ctx, name(), in.services());
      fs.addAll(db.findings());
      statements.addAll(db.statements());
    } else if (ctx.inventory().hasLogs()) {
      statements.addAll(slowStatements(ctx, in.services()));
    }
    List<String> dbs =
        fs.stream().map(Finding::service).filter(Objects::nonNull).distinct().toList();
    return new Output(!fs.isEmpty() || !statements.isEmpty(), dbs, statements);
  }

  private List<String> slowStatements(InvestigationContext ctx, List<String> services) {
    RecentWindows.Logs lg = RecentWindows.problemLogs(ctx);
    ExpertDesk desk = ctx.experts();
    Map<String, ExpertDesk.Routing> routes = new HashMap<>();
    Map<String, List<LogRecord>> byStatement = new LinkedHashMap<>();
    Map<String, ExpertDesk.Routing> routingOf = new HashMap<>();
    for (LogRecord r : lg.incident().rows()) {
      if (!services.isEmpty() && !services.contains(r.service())) {
        continue;
      }
      var sig = Signals.ofLog(r.body());
      if (sig.isEmpty()
          || (sig.get().fault() != FaultClass.SLOW_QUERY
              && sig.get().fault() != FaultClass.LOCK_CONTENTION)) {
        continue;
      }
      Matcher m = SQL.matcher(r.body());
      if (m.find()) {
        // The SQL text cut from a log line is untyped: the router decides whether the database
        // expert digests it; text it does not take for SQL is kept as logged.
        String sql = m.group().strip();
        ExpertDesk.Routing routing = routes.computeIfAbsent(sql, desk::route);
        String stmt = routing.sendsTo("db") ? desk.db().digest(sql) : sql;
        String key = r.service() + "|" + stmt;
        byStatement.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        routingOf.putIfAbsent(key, routing);
      }
    }
    List<String> out = new ArrayList<>();
    byStatement.entrySet().stream()
        .sorted((a, b) -> b.getValue().size() - a.getValue().size())
        .limit(3)
        .forEach(
            e -> {
              LogRecord first = e.getValue().get(0);
              String stmt = e.getKey().substring(e.getKey().indexOf('|') + 1);
              FaultClass fault = Signals.ofLog(first.body()).orElseThrow().fault();
              String summary =
                  first.service()
                      + ": "
                      + e.getValue().size()
                      + " "
                      + (fault == FaultClass.SLOW_QUERY ? "slow-query" : "lock-wait")
                      + " log lines for statement "
                      + stmt
                      + " ("
                      + routingOf.get(e.getKey()).describe()
                      + ")";
              var ev =
                  ctx.evidence()
                      .add(
                          EvidenceKind.DATABASE,
                          name(),
                          lg.incident(),
                          summary,
                          e.getValue().stream()
                              .limit(5)
                              .map(
                                  r ->
                                      r.timestamp()
                                          + " "
                                          + ErrorLocalizationActor.firstLine(r.body()))
                              .toList(),
                          List.of(first.service(), stmt, Integer.toString(e.getValue().size())),
                          null);
              ctx.addFinding(
                  new Finding(
                      name(),
                      first.service(),
                      stmt,
                      fault,
                      summary,
                      Math.min(1, 0.4 + 0.05 * e.getValue().size()),
                      first.timestamp(),
                      List.of(ev),
                      new FindingDetail.StatementLogs(stmt, e.getValue().size())));
              out.add(stmt);
            });
    return out;
  }
}
