package dev.warroom.cli;

import dev.warroom.server.bench.AlertmanagerIntakeBenchmark;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom bench alerts}: one Alertmanager notification of N alerts posted to a running
 * server (embedded incident database); the time to the 202 that acknowledges every incident as
 * stored and queued (issue 15: 10,000 alerts in at most 2 s).
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description =
        "Posts one Alertmanager notification of N alerts (each its own fingerprint) to a fresh"
            + " server per round and reports the median time to the 202 (after one warm-up).",
    footer = {"", "Example:", "  warroom bench alerts --alerts 10000 --rounds 5"})
final class BenchAlertsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--alerts",
      defaultValue = "10000",
      description = "alerts in the notification (default ${DEFAULT-VALUE})")
  int alerts;

  @Option(
      names = "--rounds",
      defaultValue = "5",
      description = "timed rounds after one warm-up (default ${DEFAULT-VALUE})")
  int rounds;

  @Override
  public Integer call() throws Exception {
    if (alerts < 1) {
      throw new IllegalArgumentException("--alerts: must be >= 1, got " + alerts);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds: must be >= 1, got " + rounds);
    }
    var out = spec.commandLine().getOut();
    PrintStream log =
        new PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                out.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                out.write(new String(b, off, len, StandardCharsets.UTF_8));
              }
            },
            true,
            StandardCharsets.UTF_8);
    var r = AlertmanagerIntakeBenchmark.run(alerts, rounds, log);
    out.printf(
        Locale.ROOT,
        "alerts: %d alerts (%d bytes) in one notification taken in median %.3f s (%d rounds)%n",
        r.alerts(),
        r.bytes(),
        r.medianSeconds(),
        rounds);
    out.flush();
    return ExitCodes.OK;
  }
}
