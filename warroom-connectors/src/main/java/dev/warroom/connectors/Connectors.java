package dev.warroom.connectors;

import dev.warroom.connectors.db.MySqlStore;
import dev.warroom.connectors.db.PostgresStore;
import dev.warroom.connectors.git.GitCodeStore;
import dev.warroom.connectors.kubernetes.KubernetesStore;
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
      case OPENSEARCH, ELASTICSEARCH -> new dev.warroom.connectors.opensearch.OpenSearchStore(s);
      case ZIPKIN -> new dev.warroom.connectors.zipkin.ZipkinStore(s);
      case JAEGER ->
          notInThisBuild(s); // no Jaeger process can run here to test a connector against
      case KUBERNETES -> KubernetesStore.open(s);
      case POSTGRES -> PostgresStore.open(s);
      case MYSQL -> MySqlStore.open(s);
      case GIT -> GitCodeStore.open(s);
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
