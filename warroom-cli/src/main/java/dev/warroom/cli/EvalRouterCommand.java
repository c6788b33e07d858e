package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.warroom.experts.HeldOutCorpus;
import dev.warroom.experts.RouterEvaluation;
import dev.warroom.model.SharedDatasets;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom eval router}: held-out accuracy of the mixture's input router. */
@Command(
    name = "router",
    mixinStandardHelpOptions = true,
    description =
        "Trains the expert router on the train split of its labelled corpus and reports"
            + " accuracy on the held-out split, per kind and per source.",
    footer = {
      "",
      "DIR is the shared datasets folder (with loghub-2k/, nab/, petshop/); without --data the",
      "folder is looked up as ../shared/datasets, else the synthetic corpus alone is used.",
      "--held-out scores the router instead on inputs from sources it is never trained on: gym",
      "bundle folders (written by 'warroom gym run') and/or a warroom source checkout.",
      "",
      "Examples:",
      "  warroom eval router --data ../shared/datasets --leave-one-source-out",
      "  warroom gym run --topology shop --fault null_dereference --seed 7 --baseline 2h \\",
      "      --window 20m --out /tmp/shop",
      "  warroom eval router --data ../shared/datasets --held-out /tmp/shop --held-out ."
    })
final class EvalRouterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "shared datasets folder")
  Path data;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Option(
      names = "--leave-one-source-out",
      description =
          "also train once per real source without it and report accuracy on that unseen source")
  boolean leaveOneSourceOut;

  @Option(
      names = "--held-out",
      paramLabel = "FOLDER",
      description =
          "a gym bundle folder or a warroom checkout whose inputs are the test set (repeatable)")
  java.util.List<Path> heldOut = new java.util.ArrayList<>();

  @Option(
      names = "--misses",
      paramLabel = "N",
      defaultValue = "10",
      description = "misrouted examples to print (default ${DEFAULT-VALUE})")
  int misses;

  @Override
  public Integer call() throws Exception {
    Path datasets = data;
    if (datasets == null) {
      datasets = SharedDatasets.find("loghub-2k").map(Path::getParent).orElse(null);
    } else if (!Files.isDirectory(datasets)) {
      throw new IllegalArgumentException("--data: not a directory: " + datasets);
    }
    for (Path p : heldOut) {
      if (!Files.isDirectory(p)) {
        throw new IllegalArgumentException("--held-out: not a directory: " + p);
      }
    }
    RouterEvaluation.Result r =
        heldOut.isEmpty()
            ? RouterEvaluation.run(datasets, leaveOneSourceOut)
            : RouterEvaluation.runHeldOut(datasets, HeldOutCorpus.from(heldOut));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
    } else {
      out.printf(
          Locale.ROOT,
          "router: trained on %d examples (%s), tested on %d %s%n",
          r.trainExamples(),
          datasets == null ? "synthetic only" : "synthetic + " + datasets,
          r.testExamples(),
          heldOut.isEmpty()
              ? "held-out examples of the same corpus"
              : "examples from sources never trained on " + heldOut);
      out.printf(
          Locale.ROOT,
          "held-out accuracy %.4f; mean confidence %.3f when right, %.3f when wrong%n%n",
          r.accuracy(),
          r.meanConfidenceCorrect(),
          r.meanConfidenceWrong());
      out.println("per source:");
      r.bySource()
          .forEach(
              s ->
                  out.printf(
                      Locale.ROOT, "  %-20s %5d  %.4f%n", s.group(), s.examples(), s.accuracy()));
      out.println("per kind:");
      r.byKind()
          .forEach(
              s ->
                  out.printf(
                      Locale.ROOT, "  %-20s %5d  %.4f%n", s.group(), s.examples(), s.accuracy()));
      if (!r.unseenSource().isEmpty()) {
        out.println("per source, router trained without any example of that source:");
        r.unseenSource()
            .forEach(
                s ->
                    out.printf(
                        Locale.ROOT, "  %-20s %5d  %.4f%n", s.group(), s.examples(), s.accuracy()));
      }
      if (!r.misses().isEmpty()) {
        out.println("misrouted (first " + Math.min(misses, r.misses().size()) + "):");
        r.misses().stream()
            .limit(misses)
            .forEach(
                m ->
                    out.printf(
                        Locale.ROOT,
                        "  %s: %s routed as %s (%.2f): %s%n",
                        m.source(),
                        m.expected().id(),
                        m.routed().id(),
                        m.confidence(),
                        m.head().replace("\n", "\\n")));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
