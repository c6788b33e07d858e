package dev.warroom.cli;

import dev.warroom.connectors.prometheus.LocalPrometheus;
import dev.warroom.engine.director.Director;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom eval live-parity}: live connectors against bundles on gym episodes. */
@Command(
    name = "live-parity",
    mixinStandardHelpOptions = true,
    description = {
      "Loads gym episodes (the 'gym suite' plan from --from) into a local Prometheus (promtool"
          + " backfill; needs prometheus and promtool on the PATH), investigates each live through"
          + " the Prometheus connector and from its bundle (logs, traces, events, code and database"
          + " statistics withheld and its topology removed, since Prometheus holds metrics only),"
          + " and compares the top"
          + " candidates; checks every PromQL in the live reports byte for byte against what"
          + " Prometheus received, and reports the median live investigation time."
    },
    footer = {"", "Example:", "  warroom eval live-parity --episodes 30"})
final class EvalLiveParityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--episodes", defaultValue = "30", description = "Episodes (default 30).")
  int episodes;

  @Option(names = "--from", defaultValue = "1", description = "First seed (default 1).")
  long from;

  @Option(names = "--work", paramLabel = "DIR", description = "Work folder (default: a temp one).")
  Path work;

  @Override
  public Integer call() throws Exception {
    if (episodes < 1) {
      throw new IllegalArgumentException("--episodes must be at least 1");
    }
    if (!LocalPrometheus.available()) {
      throw new dev.warroom.model.WarroomException.NonRetriable(
          "prometheus and promtool are not on the PATH (Debian: apt-get install prometheus;"
              + " or .ci/install-prometheus)",
          null);
    }
    Path dir = work != null ? work : Files.createTempDirectory("warroom-live-parity");
    PrintWriter out = spec.commandLine().getOut();
    LiveParity.Result r =
        LiveParity.run(
            from,
            episodes,
            Director.standard(),
            dir,
            line -> {
              out.println(line);
              out.flush();
            });
    out.printf(
        "top candidate same as the bundle investigation (metrics only, no topology, on both"
            + " sides): %d/%d%n",
        r.same(), r.rows().size());
    out.printf(
        "top candidate same as the bundle investigation that keeps the bundle's topology: %d/%d%n",
        r.sameAsWithTopology(), r.rows().size());
    out.printf("median live investigation: %d ms%n", r.medianLiveMillis());
    out.printf(
        "native queries in the live reports checked against what Prometheus received: %d,"
            + " mismatched %d%n",
        r.nativeQueries(), r.nativeMismatches());
    if (work == null) {
      LiveParity.deleteTree(dir);
    }
    return ExitCodes.OK;
  }
}
