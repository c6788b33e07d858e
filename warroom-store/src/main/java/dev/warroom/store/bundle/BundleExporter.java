package dev.warroom.store.bundle;

import dev.warroom.model.BundleManifest;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.TimeWindow;
import dev.warroom.store.EventQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.TelemetryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves a window of any {@link TelemetryStore} as a bundle, through the read SPI only, so that it
 * works for the embedded store and for connectors alike.
 */
public final class BundleExporter {
  private BundleExporter() {}

  /** Everything the store holds in the window (null: all of it) as an in-memory bundle. */
  public static IncidentBundle snapshot(TelemetryStore store, TimeWindow window) {
    int all = Integer.MAX_VALUE;
    var metrics = store.metrics(new MetricQuery(null, List.of(), null, window, all)).rows();
    var logs =
        store.logs(new LogQuery(window, Set.of(), null, Map.of(), null, null, null, all)).rows();
    var spans = store.spans(new SpanQuery(window, Set.of(), null, null, null, all)).rows();
    var events = store.events(new EventQuery(window, Set.of(), null, null, Set.of(), all)).rows();
    BundleManifest m = store.manifest();
    BundleManifest manifest =
        window == null
            ? m
            : new BundleManifest(m.name(), m.description(), m.timeZone(), window, m.formats());
    return new IncidentBundle(
        manifest,
        store.alert().orElse(null),
        metrics,
        logs,
        spans,
        events,
        store.topology(),
        store.code(null),
        store.databases(null).rows());
  }

  /** Writes {@link #snapshot} to a folder in the canonical formats. */
  public static IncidentBundle export(TelemetryStore store, TimeWindow window, Path dir) {
    IncidentBundle b = snapshot(store, window);
    // formats declared for the imported files do not apply to the canonical files written here
    BundleManifest m = b.manifest();
    IncidentBundle out =
        new IncidentBundle(
            new BundleManifest(m.name(), m.description(), m.timeZone(), m.window(), Map.of()),
            b.alert(),
            b.metrics(),
            b.logs(),
            b.spans(),
            b.events(),
            b.topology(),
            b.code(),
            b.databases());
    BundleWriter.write(out, dir);
    return out;
  }
}
