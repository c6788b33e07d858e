package dev.warroom.cli;

import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.director.Investigator;
import dev.warroom.engine.report.MarkdownReport;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.GroundTruth;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Reward;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.RcaReport;
import dev.warroom.model.RootCauseCandidate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom demo}: generates an incident with the Otrashi gym, investigates it as {@code
 * warroom investigate} would, and prints the report beside the ground truth.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generates an incident with the Otrashi gym, investigates it, and shows the RCA report"
          + " beside the ground truth the gym injected.",
      "Deterministic: the same --seed gives the same incident and the same report."
    },
    footer = {
      "",
      "Examples:",
      "  warroom demo",
      "  warroom demo --topology bank --fault network_latency --seed 7",
      "  warroom demo --keep ./demo-bundle --json"
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--topology",
      defaultValue = "shop",
      description = "System to simulate (default: ${DEFAULT-VALUE}).")
  String topology;

  @Option(
      names = "--fault",
      defaultValue = "memory_exhaustion",
      description = "Fault to inject (default: ${DEFAULT-VALUE}; see warroom gym list).")
  String fault;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description = "Also write the incident bundle (with truth.json) here.")
  Path keep;

  @Option(names = "--json", description = "Print the report and the truth as one JSON document.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Scenario sc =
        fault.equalsIgnoreCase("none") || fault.equalsIgnoreCase("control")
            ? Scenario.control(SystemCatalog.get(topology))
            : Scenario.of(SystemCatalog.get(topology), FaultType.parse(fault));
    long t0 = System.nanoTime();
    Episode ep = new Gym().reset(seed, sc);
    err.printf("generated incident %s in %.1f s%n", ep.id(), (System.nanoTime() - t0) / 1e9);
    if (keep != null) {
      ep.write(keep);
      err.printf(
          "bundle written to %s (investigate it with: warroom investigate %s)%n", keep, keep);
    }
    err.flush();
    long t1 = System.nanoTime();
    Investigation inv =
        new Investigator(Director.standard()).investigate(ep.bundle(), ep.id(), null);
    double secs = (System.nanoTime() - t1) / 1e9;
    RcaReport report = inv.report();
    Reward reward = ep.reward(report);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      var root = mapper.createObjectNode();
      root.set("report", dev.warroom.engine.report.JsonReport.tree(report));
      root.set("truth", mapper.readTree(ep.truth().toJson()));
      var rw = root.putObject("score");
      rw.put("top1", reward.top1())
          .put("top3", reward.top3())
          .put("faultClass", reward.faultClassMatch())
          .put("blamedControl", reward.blamedControl())
          .put("score", reward.score())
          .put("investigationSeconds", Math.round(secs * 100) / 100.0);
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } else {
      out.println(MarkdownReport.render(report));
      out.println();
      out.println(beside(report, ep.truth(), reward, secs));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** A two-column table: what warroom found, what the gym injected. */
  static String beside(RcaReport r, GroundTruth t, Reward rw, double secs) {
    RootCauseCandidate top = r.verdict() == dev.warroom.model.Verdict.NO_FAULT ? null : r.top();
    StringBuilder sb = new StringBuilder("## warroom vs. ground truth\n\n");
    sb.append("| | warroom found | the gym injected |\n|---|---|---|\n");
    row(
        sb,
        "verdict",
        r.verdict().name().toLowerCase(Locale.ROOT),
        t.control() ? "no fault (control)" : "fault");
    row(
        sb,
        "root-cause service",
        top == null ? "-" : top.service(),
        t.control() ? "-" : t.rootCauseService());
    row(
        sb,
        "component",
        top == null ? "-" : top.component(),
        t.control() || t.component() == null ? "-" : t.component());
    row(
        sb,
        "fault class",
        top == null ? "-" : top.faultClass().id(),
        t.control() ? "none" : t.faultClass().id());
    row(
        sb,
        "onset",
        top == null || top.onset() == null ? "-" : top.onset().toString(),
        t.control() || t.onset() == null ? "-" : t.onset().toString());
    row(
        sb,
        "confidence",
        top == null ? "-" : String.format(Locale.ROOT, "%.2f", top.confidence()),
        "");
    row(
        sb,
        "alerting service",
        r.alert() == null || r.alert().service() == null ? "-" : r.alert().service(),
        t.alertService() == null ? "-" : t.alertService());
    sb.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "Score: top-1 %s, top-3 %s, fault class %s, evidence recall %.2f, reward %.2f; investigated in %.1f s.%n",
                yes(rw.top1()),
                yes(rw.top3()),
                yes(rw.faultClassMatch()),
                rw.evidenceRecall(),
                rw.score(),
                secs));
    if (!t.causalChain().isEmpty()) {
      sb.append("Causal chain (truth): ").append(String.join(" -> ", t.causalChain())).append('\n');
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String k, String a, String b) {
    sb.append("| ").append(k).append(" | ").append(a).append(" | ").append(b).append(" |\n");
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }
}
