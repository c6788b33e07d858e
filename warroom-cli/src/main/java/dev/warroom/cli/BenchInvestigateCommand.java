package dev.warroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.store.bench.InvestigateBenchBundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom bench investigate}: wall time of {@code warroom investigate} on a real-sized
 * bundle, each run a fresh JVM (start, loading and investigation included), median of the runs.
 */
@Command(
    name = "investigate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a real-sized bundle (10k logs, 20k spans, 60k metric points, about 15 MB; or takes",
      "--bundle), runs 'warroom investigate' on it in a fresh JVM per run, and prints the median",
      "wall time (JVM start, loading and investigation) and the median load time the report states."
    },
    footer = {
      "",
      "Examples:",
      "  warroom bench investigate --runs 5",
      "  warroom bench investigate --runs 5 --jvm-option=-XX:TieredStopAtLevel=1",
      "  warroom bench investigate --bundle ./real-bundle --runs 5 --json"
    })
final class BenchInvestigateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bundle", description = "Investigate this bundle instead of a generated one.")
  Path bundle;

  @Option(names = "--logs", defaultValue = "10000", description = "Generated log records.")
  int logs;

  @Option(names = "--spans", defaultValue = "20000", description = "Generated spans.")
  int spans;

  @Option(names = "--points", defaultValue = "60000", description = "Generated metric points.")
  int points;

  @Option(names = "--runs", defaultValue = "5", description = "Runs (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      description =
          "Runs first, not counted (the first run writes a class-data archive when asked to;"
              + " default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed.")
  long seed;

  @Option(
      names = "--jvm-option",
      paramLabel = "OPTION",
      description = "Extra option for the investigating JVM (repeatable), e.g. -Xshare:off.")
  List<String> jvmOptions = new ArrayList<>();

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Path work = Files.createTempDirectory("warroom-bench-investigate");
    try {
      Path b = bundle;
      if (b == null) {
        b = work.resolve("bundle");
        InvestigateBenchBundle.write(
            b, new InvestigateBenchBundle.Size(logs, spans, points, 40), seed);
      }
      long bytes;
      try (var walk = Files.walk(b)) {
        bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      String java = ProcessHandle.current().info().command().orElse("java");
      double[] wall = new double[runs];
      double[] load = new double[runs];
      String verdict = "";
      for (int i = -warmup; i < runs; i++) {
        Path out = work.resolve("report-" + (i + warmup) + ".json");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.addAll(
            List.of(
                "-cp",
                System.getProperty("java.class.path"),
                WarroomCommand.class.getName(),
                "investigate",
                b.toString(),
                "--format",
                "json",
                "--out",
                out.toString()));
        long t0 = System.nanoTime();
        Process p =
            new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("log").toFile())
                .start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("investigate did not finish in 600 s");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
          throw new IllegalStateException(
              "investigate exited " + p.exitValue() + ": " + Files.readString(work.resolve("log")));
        }
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        double loaded = report.path("timings").path("load").asLong() / 1000.0;
        verdict = report.path("verdict").asText();
        if (i < 0) {
          err.printf("warm-up: %.2f s wall, %.2f s load%n", seconds, loaded);
        } else {
          wall[i] = seconds;
          load[i] = loaded;
          err.printf("run %d: %.2f s wall, %.2f s load%n", i + 1, seconds, loaded);
        }
        err.flush();
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("bundle", b.toString());
      m.put("bytes", bytes);
      m.put("runs", runs);
      m.put("medianWallSeconds", median(wall));
      m.put("medianLoadSeconds", median(load));
      m.put("wallSeconds", wall);
      m.put("verdict", verdict);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
      } else {
        out.printf(
            "investigate %s (%.1f MB): median %.2f s wall, %.2f s of it loading (%d runs, fresh"
                + " JVM each; verdict %s)%n",
            b, bytes / 1e6, median(wall), median(load), runs, verdict);
      }
      out.flush();
      return ExitCodes.OK;
    } finally {
      try (var walk = Files.walk(work)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0
        ? Double.NaN
        : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
