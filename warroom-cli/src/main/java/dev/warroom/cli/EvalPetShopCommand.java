package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.warroom.experts.topology.PetShopEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom eval petshop}: root-cause ranking on the PetShop RCA dataset, top-1 and top-3 of
 * the root-cause node per traffic level and issue type.
 */
@Command(
    name = "petshop",
    mixinStandardHelpOptions = true,
    description =
        "Ranks root-cause candidates for each PetShop issue (metrics vs the noissue baseline,"
            + " anomaly-weighted random walk over the dependency graph) and reports top-1/top-3.",
    footer = {
      "",
      "DIR holds <traffic>/graph.csv, <traffic>/noissue/metrics.csv and",
      "<traffic>/train/issue_N/{metrics.csv,target.json}. One configuration for every issue.",
      "",
      "Example:",
      "  warroom eval petshop --data ../shared/datasets/petshop --json"
    })
final class EvalPetShopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "PetShop dataset folder")
  Path data;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PetShopEvaluation.Result r = PetShopEvaluation.withDefaults().run(data);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
    } else {
      out.printf(Locale.ROOT, "PetShop %s: %d issues%n%n", data, r.issues().size());
      out.printf(
          Locale.ROOT, "%-14s %-14s %6s %6s %6s%n", "traffic", "issue type", "n", "top-1", "top-3");
      for (PetShopEvaluation.GroupScore g : r.groups()) {
        out.printf(
            Locale.ROOT,
            "%-14s %-14s %6d %6.3f %6.3f%n",
            g.traffic(),
            g.issueType(),
            g.issues(),
            g.top1(),
            g.top3());
      }
      out.println();
      for (PetShopEvaluation.IssueResult i : r.issues()) {
        out.printf(
            Locale.ROOT,
            "  %-13s %-8s %-12s rank %-2s top-3 %s%n",
            i.traffic(),
            i.issue(),
            i.issueType(),
            i.rank() == 0 ? "-" : Integer.toString(i.rank()),
            i.top3());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
