package dev.warroom.store.duckdb;

import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.store.Aggregation;
import dev.warroom.store.LabelMatcher;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.bundle.ModelJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Metric queries as DuckDB SQL: series selection by matchers, raw points, step aggregation. */
final class MetricSql {
  private MetricSql() {}

  /** The ids of the selected series, ordered by key, at most {@code limit + 1}. */
  static String selectSeries(MetricQuery q, int limit) {
    Sql sql = new Sql("SELECT s.id FROM series s");
    if (q.name() != null) {
      sql.and().append("s.name = ").str(q.name());
    }
    if (q.service() != null) {
      sql.and().append("s.service = ").str(q.service());
    }
    for (LabelMatcher m : q.matchers()) {
      sql.and();
      String value =
          "coalesce((SELECT l.value FROM series_labels l WHERE l.series_id = s.id AND l.label = "
              + Sql.quote(m.label())
              + "), '')";
      switch (m.op()) {
        case EQ -> sql.append(value).append(" = ").str(m.value());
        case NEQ -> sql.append(value).append(" <> ").str(m.value());
        case RE ->
            sql.append("regexp_full_match(").append(value).append(", ").str(m.value()).append(")");
        case NRE ->
            sql.append("NOT regexp_full_match(")
                .append(value)
                .append(", ")
                .str(m.value())
                .append(")");
      }
    }
    return sql.append("\nORDER BY s.key LIMIT ").num(limit).toString();
  }

  private static void window(Sql sql, MetricQuery q) {
    if (q.window() != null) {
      sql.and()
          .append("p.ts >= ")
          .tsNs(q.window().start())
          .append(" AND p.ts < ")
          .tsNs(q.window().end());
    }
  }

  /**
   * Raw points of the selected series in two statements: the series (id, name, labels, in key
   * order) and then their points as numbers only, ordered by series id and time. Both statements
   * are the native query. Fetching name and labels once per series instead of once per point is
   * what makes this fast: the JDBC driver decodes every VARCHAR it returns, and one row per point
   * with the labels' JSON cost ~20× more than the points alone (213k points of 1,617 series: 2.0 s
   * vs 0.1 s).
   */
  static QueryResult<MetricSeries> metrics(Connection c, MetricQuery q) throws SQLException {
    int limit = q.limitSeries();
    String sel =
        "WITH sel AS (" + selectSeries(q, limit == Integer.MAX_VALUE ? limit : limit + 1) + ")\n";
    String seriesText =
        new Sql(sel)
            .append("SELECT s.id, s.name, s.labels, (SELECT count(*) FROM sel) AS n")
            .append("\nFROM sel JOIN series s ON s.id = sel.id\nORDER BY s.key")
            .toString();
    Sql pointsSql =
        new Sql(sel).append("SELECT p.series_id, epoch_ms(p.ts), p.value\nFROM points p");
    pointsSql.and().append("p.series_id IN (SELECT id FROM sel)");
    window(pointsSql, q);
    String pointsText = pointsSql.append("\nORDER BY p.series_id, p.ts").toString();
    Map<Integer, Acc> byId = new LinkedHashMap<>();
    long selected = 0;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(seriesText)) {
      while (rs.next()) {
        selected = rs.getLong(4);
        byId.put(
            rs.getInt(1),
            new Acc(SeriesKey.of(rs.getString(2), ModelJson.attributesFromJson(rs.getString(3)))));
      }
    }
    boolean anyPoint = false;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(pointsText)) {
      Acc acc = null;
      int current = -1;
      while (rs.next()) {
        anyPoint = true;
        int id = rs.getInt(1);
        if (id != current) {
          current = id;
          acc = byId.get(id);
        }
        if (acc != null) {
          acc.add(rs.getLong(2), rs.getDouble(3));
        }
      }
    }
    List<MetricSeries> out = new ArrayList<>();
    for (Acc acc : byId.values()) {
      if (acc.n > 0 && !acc.done(out, limit)) {
        break;
      }
    }
    return new QueryResult<>(
        out, DuckDbStore.DIALECT, seriesText + ";\n" + pointsText, anyPoint && selected > limit);
  }

  static QueryResult<MetricSeries> aggregate(Connection c, MetricAggregationQuery q)
      throws SQLException {
    MetricQuery sel = q.select();
    long stepMs = q.step().toMillis();
    Sql sql = new Sql("WITH sel AS (" + selectSeries(sel, sel.limitSeries()) + "),\n");
    sql.append("grp AS (SELECT sel.id");
    for (int i = 0; i < q.groupBy().size(); i++) {
      sql.append(", coalesce(l").num(i).append(".value, '') AS g").num(i);
    }
    sql.append(" FROM sel");
    for (int i = 0; i < q.groupBy().size(); i++) {
      sql.append(" LEFT JOIN series_labels l")
          .num(i)
          .append(" ON l")
          .num(i)
          .append(".series_id = sel.id AND l")
          .num(i)
          .append(".label = ")
          .str(q.groupBy().get(i));
    }
    sql.append("),\n");
    String groupCols = groupCols(q.groupBy().size());
    if (q.aggregation() == Aggregation.RATE) {
      // per-series increase between consecutive samples; a drop is a counter reset (Prometheus)
      sql.append(
          "d AS (SELECT p.series_id, epoch_ms(p.ts) AS t, p.value - lag(p.value) OVER (PARTITION BY p.series_id ORDER BY p.ts) AS dv, p.value AS v FROM points p WHERE p.series_id IN (SELECT id FROM sel)");
      if (sel.window() != null) {
        sql.append(" AND p.ts >= ")
            .tsNs(sel.window().start())
            .append(" AND p.ts < ")
            .tsNs(sel.window().end());
      }
      sql.append("),\nb AS (SELECT series_id, t // ")
          .num(stepMs)
          .append(" * ")
          .num(stepMs)
          .append(
              " AS bucket, sum(CASE WHEN dv IS NULL THEN 0 WHEN dv < 0 THEN v ELSE dv END) AS inc FROM d GROUP BY ALL)\n");
      sql.append("SELECT ")
          .append(groupCols)
          .append("b.bucket, sum(b.inc) / ")
          .append(Double.toString(stepMs / 1000.0))
          .append(" AS value\nFROM b JOIN grp ON grp.id = b.series_id\nGROUP BY ALL ORDER BY ALL");
    } else {
      sql.append("b AS (SELECT p.series_id, epoch_ms(p.ts) // ")
          .num(stepMs)
          .append(" * ")
          .num(stepMs)
          .append(" AS bucket, p.value FROM points p WHERE p.series_id IN (SELECT id FROM sel)");
      if (sel.window() != null) {
        sql.append(" AND p.ts >= ")
            .tsNs(sel.window().start())
            .append(" AND p.ts < ")
            .tsNs(sel.window().end());
      }
      sql.append(")\nSELECT ")
          .append(groupCols)
          .append("b.bucket, ")
          .append(fold(q))
          .append(" AS value\nFROM b JOIN grp ON grp.id = b.series_id\nGROUP BY ALL ORDER BY ALL");
    }
    String text = sql.toString();
    String name =
        (sel.name() == null ? "all" : sel.name())
            + ":"
            + q.aggregation().name().toLowerCase(Locale.ROOT);
    Map<List<String>, Acc> groups = new LinkedHashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(text)) {
      int g = q.groupBy().size();
      while (rs.next()) {
        List<String> values = new ArrayList<>(g);
        for (int i = 0; i < g; i++) {
          values.add(rs.getString(i + 1));
        }
        Acc acc =
            groups.computeIfAbsent(
                values,
                v -> {
                  TreeMap<String, String> labels = new TreeMap<>();
                  for (int i = 0; i < g; i++) {
                    labels.put(q.groupBy().get(i), v.get(i));
                  }
                  return new Acc(new SeriesKey(name, labels));
                });
        acc.add(rs.getLong(g + 1), rs.getDouble(g + 2));
      }
    }
    List<MetricSeries> out = new ArrayList<>();
    groups.values().forEach(a -> a.done(out, Integer.MAX_VALUE));
    return new QueryResult<>(out, DuckDbStore.DIALECT, text, false);
  }

  private static String groupCols(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("grp.g").append(i).append(", ");
    }
    return sb.toString();
  }

  private static String fold(MetricAggregationQuery q) {
    return switch (q.aggregation()) {
      case AVG -> "avg(b.value)";
      case MIN -> "min(b.value)";
      case MAX -> "max(b.value)";
      case SUM -> "sum(b.value)";
      case COUNT -> "count(*)";
      case QUANTILE -> "quantile_cont(b.value, " + q.quantile() + ")";
      case RATE -> throw new IllegalStateException("rate is folded separately");
    };
  }

  /** Accumulates the points of one series in primitive arrays. */
  private static final class Acc {
    private final SeriesKey key;
    private long[] ts = new long[64];
    private double[] vs = new double[64];
    private int n;

    Acc(SeriesKey key) {
      this.key = key;
    }

    void add(long t, double v) {
      if (n > 0 && t == ts[n - 1]) {
        // The same sample stored twice (a re-sent OTLP batch, a bundle loaded twice): points come
        // in time order, so repeats are adjacent; one is kept (the last read).
        vs[n - 1] = v;
        return;
      }
      if (n == ts.length) {
        ts = java.util.Arrays.copyOf(ts, n * 2);
        vs = java.util.Arrays.copyOf(vs, n * 2);
      }
      ts[n] = t;
      vs[n++] = v;
    }

    boolean done(List<MetricSeries> out, int limit) {
      if (out.size() >= limit) {
        return false;
      }
      out.add(
          new MetricSeries(key, java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(vs, n)));
      return true;
    }
  }
}
