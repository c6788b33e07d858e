package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.store.bench.IngestBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom bench ingest}: bundle ingest throughput into the embedded store. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Generates log (JSON lines), span (Zipkin v2) and metric (Prometheus text) bundles, loads each",
      "into an in-memory DuckDB store from the files, and prints the median throughput, a log query",
      "time (service + body regex over all stored logs) and peak memory."
    },
    footer = {
      "",
      "Example:",
      "  warroom bench ingest --logs 1000000 --spans 300000 --points 3000000 --runs 3"
    })
final class BenchIngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--logs",
      defaultValue = "1000000",
      description = "Log records (default: ${DEFAULT-VALUE}).")
  int logs;

  @Option(
      names = "--spans",
      defaultValue = "300000",
      description = "Spans (default: ${DEFAULT-VALUE}).")
  int spans;

  @Option(
      names = "--points",
      defaultValue = "3000000",
      description = "Metric points over 500 series (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Runs per measurement; the median is reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--work-dir",
      description = "Keep the generated bundles here (default: a temporary folder, deleted).")
  Path workDir;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    IngestBenchmark.Result r =
        IngestBenchmark.run(
            new IngestBenchmark.Options(logs, spans, points, runs, seed, workDir),
            line -> {
              err.println(line);
              err.flush();
            });
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
    } else {
      out.printf("median of %d runs            wall-clock  per CPU-second%n", runs);
      out.printf(
          "log records/s   %,12.0f %,14.0f  (JSON lines)%n",
          r.logsPerSecond(), r.logsPerCpuSecond());
      out.printf(
          "spans/s         %,12.0f %,14.0f  (Zipkin v2 JSON)%n",
          r.spansPerSecond(), r.spansPerCpuSecond());
      out.printf(
          "metric points/s %,12.0f %,14.0f  (Prometheus text with timestamps)%n",
          r.pointsPerSecond(), r.pointsPerCpuSecond());
      out.printf(
          "log query       %,12.1f ms over %,d stored logs, service + regex, %,d rows%n",
          r.logQueryMillis(), logs, r.logQueryRows());
      out.printf(
          "peak JVM heap   %,12d MB; peak RSS %,d MB%n",
          r.peakHeapBytes() >> 20, r.peakRssBytes() >> 20);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
