package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.experts.traces.TraceBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom bench traces}: speed of the traces expert on generated shop traces. */
@Command(
    name = "traces",
    mixinStandardHelpOptions = true,
    description =
        "Analyses N generated incident spans against N baseline spans (error origins, self-time"
            + " shift, critical path, flame summary, service graph) and reports the median time.",
    footer = {"", "Example:", "  warroom bench traces --spans 100000 --runs 7"})
final class BenchTracesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--spans",
      defaultValue = "100000",
      description = "incident spans (default" + " ${DEFAULT-VALUE})")
  int spans;

  @Option(
      names = "--runs",
      defaultValue = "7",
      description = "timed runs after 2 warm-ups" + " (default ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--seed", defaultValue = "42", description = "workload seed")
  long seed;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (spans < 1) {
      throw new IllegalArgumentException("--spans: must be >= 1, got " + spans);
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs: must be >= 1, got " + runs);
    }
    TraceBenchmark.Result r = TraceBenchmark.run(spans, runs, seed);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(r));
    } else {
      out.printf(
          Locale.ROOT,
          "traces: %d incident spans (+ as many baseline) analysed in median %.1f ms wall, %.1f ms"
              + " CPU (min %.1f, max %.1f wall, %d runs)%n",
          r.spans(),
          r.medianMs(),
          r.medianCpuMs(),
          r.minMs(),
          r.maxMs(),
          r.repetitions());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
