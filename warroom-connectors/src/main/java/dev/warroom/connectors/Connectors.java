package dev.warroom.connectors;

import dev.warroom.connectors.prometheus.PrometheusStore;
import dev.warroom.model.InvalidInputException;
import dev.warroom.store.TelemetryStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds stores from sources-file entries: one store per entry by its type, and for a whole file
 * one {@link CompositeStore}. Nothing is contacted here (connectors do no I/O when built).
 */
public final class Connectors {
  private Connectors() {}

  /**
   * One store per entry, read as one.
   *
   * @throws InvalidInputException naming the source when its type has no connector in this build
   */
  public static CompositeStore open(List<SourceConfig> sources) {
    if (sources.isEmpty()) {
      throw new InvalidInputException("the sources file lists no source");
    }
    List<TelemetryStore> stores = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      for (SourceConfig s : sources) {
        stores.add(store(s));
        names.add(s.name());
      }
    } catch (RuntimeException e) {
      stores.forEach(TelemetryStore::close);
      throw e;
    }
    return new CompositeStore(stores, names);
  }

  /**
   * The store of one source.
   *
   * @throws InvalidInputException naming the source when its type has no connector in this build
   */
  public static TelemetryStore store(SourceConfig s) {
    return switch (s.type()) {
      case PROMETHEUS -> new PrometheusStore(s);
      // Registration points of the connectors built on their own branches (issue 14): each
      // becomes `case X -> new XStore(s);` when its branch is merged.
      case OPENSEARCH, ELASTICSEARCH -> new dev.warroom.connectors.opensearch.OpenSearchStore(s);
      case ZIPKIN -> new dev.warroom.connectors.zipkin.ZipkinStore(s);
      case JAEGER ->
          notInThisBuild(s); // no Jaeger process can run here to test a connector against
      case KUBERNETES -> notInThisBuild(s); // events connector (branch k8sdb)
      case POSTGRES, MYSQL -> notInThisBuild(s); // live database connector (branch k8sdb)
      case GIT -> notInThisBuild(s); // code connector (branch k8sdb)
    };
  }

  private static TelemetryStore notInThisBuild(SourceConfig s) {
    throw new InvalidInputException(
        "source "
            + s.name()
            + ": the "
            + s.type().id()
            + " connector is not available in this build");
  }
}
