package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.experts.logs.MiningBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom bench logmine}: single-threaded template-mining throughput on real messages. */
@Command(
    name = "logmine",
    mixinStandardHelpOptions = true,
    description = {
      "Replays the Loghub-2k messages of every system under DIR through a fresh template miner",
      "until --lines messages are mined, --runs times after a warm-up, and prints lines/s per run",
      "and the median (one thread; masking, routing and template updates; file reading excluded),",
      "also per CPU-second of the mining thread: the figure that holds on a shared machine."
    },
    footer = {
      "",
      "Example:",
      "  warroom bench logmine --data ../shared/datasets/loghub-2k --lines 2000000 --runs 5"
    })
final class BenchLogMineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Loghub-style folder")
  Path data;

  @Option(
      names = "--lines",
      defaultValue = "2000000",
      description = "Messages mined per run (default: ${DEFAULT-VALUE}).")
  long lines;

  @Option(
      names = "--runs",
      defaultValue = "5",
      description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    MiningBenchmark.Result r = MiningBenchmark.run(data, lines, runs);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("linesPerRun", r.linesPerRun());
      root.put("distinctMessages", r.distinctMessages());
      root.put("linesPerSecond", r.linesPerSecond());
      root.put("medianLinesPerSecond", r.median());
      root.put("linesPerCpuSecond", r.linesPerCpuSecond());
      root.put("medianLinesPerCpuSecond", r.medianPerCpuSecond());
      out.println(new ObjectMapper().writeValueAsString(root));
    } else {
      out.printf(
          Locale.ROOT,
          "template mining: median %.0f lines/s wall, %.0f lines per CPU-second, over %d runs of"
              + " %d lines (%d distinct real messages)%n",
          r.median(),
          r.medianPerCpuSecond(),
          r.linesPerSecond().size(),
          r.linesPerRun(),
          r.distinctMessages());
    }
    out.flush();
    return 0;
  }
}
