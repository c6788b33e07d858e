package dev.warroom.store.duckdb;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The service graph implied by the traces, for stores loaded without a topology: an edge from the
 * service of a span to the service of each child span in another service, weighted by calls per
 * minute over the span time range. This is how Zipkin's dependency linker derives its links.
 */
final class DerivedTopology {
  static final String EDGES =
      """
      SELECT p.service, c.service, count(*) AS calls,
             greatest(1, (SELECT (epoch_ms(max(start_ts)) - epoch_ms(min(start_ts))) / 60000.0 FROM spans))
      FROM spans c JOIN spans p ON c.trace_id = p.trace_id AND c.parent_id = p.span_id
      WHERE p.service <> c.service
      GROUP BY ALL ORDER BY 1, 2""";

  private DerivedTopology() {}

  static Topology from(Connection c) throws SQLException {
    List<ServiceNode> services = new ArrayList<>();
    List<DependencyEdge> edges = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT DISTINCT service FROM spans ORDER BY 1")) {
        while (rs.next()) {
          services.add(new ServiceNode(rs.getString(1), ComponentKind.SERVICE, ""));
        }
      }
      try (ResultSet rs = st.executeQuery(EDGES)) {
        while (rs.next()) {
          edges.add(
              new DependencyEdge(
                  rs.getString(1), rs.getString(2), "", rs.getLong(3) / rs.getDouble(4)));
        }
      }
    }
    return new Topology(services, List.of(), List.of(), edges);
  }
}
