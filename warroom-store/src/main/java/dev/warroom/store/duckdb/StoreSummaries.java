package dev.warroom.store.duckdb;

import dev.warroom.model.TimeWindow;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.StoreSummary.ServiceSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Computes {@link StoreSummary} with one grouped SQL statement per table. */
final class StoreSummaries {
  private StoreSummaries() {}

  static final String PER_SERVICE =
      """
      WITH s AS (SELECT coalesce(service, '(none)') AS svc, count(*) AS n FROM series GROUP BY 1),
      p AS (SELECT coalesce(s.service, '(none)') AS svc, count(*) AS n
            FROM points JOIN series s ON s.id = points.series_id GROUP BY 1),
      l AS (SELECT service AS svc, count(*) AS n FROM logs GROUP BY 1),
      t AS (SELECT service AS svc, count(*) AS n, count(DISTINCT trace_id) AS traces
            FROM spans GROUP BY 1),
      e AS (SELECT coalesce(service, '(none)') AS svc, count(*) AS n FROM events GROUP BY 1),
      svc AS (SELECT svc FROM s UNION SELECT svc FROM p UNION SELECT svc FROM l
              UNION SELECT svc FROM t UNION SELECT svc FROM e)
      SELECT svc.svc, coalesce(s.n, 0), coalesce(p.n, 0), coalesce(l.n, 0), coalesce(t.n, 0),
             coalesce(t.traces, 0), coalesce(e.n, 0)
      FROM svc LEFT JOIN s USING (svc) LEFT JOIN p USING (svc) LEFT JOIN l USING (svc)
      LEFT JOIN t USING (svc) LEFT JOIN e USING (svc)
      ORDER BY svc.svc""";

  static final String TOTALS =
      """
      SELECT (SELECT count(*) FROM series), (SELECT count(*) FROM points),
             (SELECT count(*) FROM logs), (SELECT count(*) FROM spans),
             (SELECT count(DISTINCT trace_id) FROM spans), (SELECT count(*) FROM events),
             epoch_ns(least((SELECT min(ts) FROM points)::TIMESTAMP_NS, (SELECT min(ts) FROM logs),
                   (SELECT min(start_ts) FROM spans), (SELECT min(ts) FROM events))),
             greatest((SELECT epoch_ns(max(ts)::TIMESTAMP_NS) + 1000 FROM points),
                      (SELECT epoch_ns(max(ts)) + 1 FROM logs),
                      (SELECT max(epoch_ns(start_ts) + duration_ns) + 1 FROM spans),
                      (SELECT epoch_ns(max(ts)) + 1 FROM events))""";

  static StoreSummary summarise(Connection c) throws SQLException {
    List<ServiceSummary> services = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(PER_SERVICE)) {
        while (rs.next()) {
          services.add(
              new ServiceSummary(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7)));
        }
      }
      try (ResultSet rs = st.executeQuery(TOTALS)) {
        rs.next();
        long min = rs.getLong(7);
        boolean empty = rs.wasNull();
        long max = rs.getLong(8);
        TimeWindow range =
            empty ? null : new TimeWindow(TimeText.ofNanos(min), TimeText.ofNanos(max));
        return new StoreSummary(
            rs.getLong(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getLong(4),
            rs.getLong(5),
            rs.getLong(6),
            services,
            range);
      }
    }
  }
}
