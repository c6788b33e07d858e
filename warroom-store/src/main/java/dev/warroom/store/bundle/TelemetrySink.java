package dev.warroom.store.bundle;

import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.Event;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;

/**
 * Receives the contents of a bundle as it is read, so that huge log and span files stream into a
 * store without being held in memory. Logs and spans arrive one by one as they are parsed; metric
 * series arrive complete (points of one series may be spread over files and must be sorted first).
 * A reader that finds problems still calls the sink for the valid records and then throws: a sink
 * that loads a store must therefore discard everything when the read fails (see {@code
 * DuckDbStore#ingest(java.nio.file.Path)}).
 */
public interface TelemetrySink {
  void manifest(BundleManifest manifest);

  void alert(Alert alert);

  void series(MetricSeries series);

  void log(LogRecord record);

  void span(Span span);

  void event(Event event);

  void topology(Topology topology);

  void code(SourceFile file);

  /**
   * The statistics of one SQL database ({@code db/<component>/}). A sink that does not keep them
   * (an OTLP batch carries none) may ignore them.
   */
  default void database(dev.warroom.model.DatabaseStats stats) {}
}
