package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.warroom.experts.logs.LeaveOneSystemOut;
import dev.warroom.experts.logs.LogFormat;
import dev.warroom.experts.logs.LogParseReport;
import dev.warroom.experts.logs.LogParseScore;
import dev.warroom.experts.logs.LoghubEvaluator;
import dev.warroom.experts.logs.MinerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warroom eval logparse}: Loghub Group and Parsing Accuracy of the template miner. */
@Command(
    name = "logparse",
    mixinStandardHelpOptions = true,
    description =
        "Mines each system's log with one miner configuration and prints Loghub's Group Accuracy"
            + " (GA) and Parsing Accuracy (PA) per system and on average.",
    footer = {
      "",
      "DIR holds one folder per system with <System>_2k.log_structured_corrected.csv (Content and",
      "EventTemplate columns), as Loghub-2k does. PA compares templates after Loghub-2.0's",
      "correct_template_general normalisation of both sides.",
      "",
      "Example:",
      "  warroom eval logparse --data ../shared/datasets/loghub-2k --json",
      "  warroom eval logparse --data ../shared/datasets/loghub-2k --raw",
      "  warroom eval logparse --data ../shared/datasets/loghub-2k --loso --json"
    })
final class EvalLogParseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Loghub-style folder")
  Path data;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Option(
      names = "--raw",
      description =
          "mine the raw <System>_2k.log files, cutting each header off with Loghub's log_format"
              + " of the system, instead of the structured files' Content column")
  boolean raw;

  @Option(
      names = "--loso",
      description =
          "leave one system out: for each system choose the miner configuration from a fixed grid"
              + " on the other systems only and score the held-out one; prints those scores (the"
              + " honest estimate) beside the all-in figure (one configuration chosen on all)")
  boolean loso;

  @Override
  public Integer call() throws Exception {
    if (loso) {
      if (raw) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--loso works on the structured files; drop --raw");
      }
      printLoso(LeaveOneSystemOut.evaluate(data, MinerConfig.grid()));
      return 0;
    }
    MinerConfig config = MinerConfig.defaults();
    LogParseReport report =
        raw
            ? LoghubEvaluator.evaluateRaw(data, config, LogFormat.loghub())
            : LoghubEvaluator.evaluate(data, config);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> systems = new ArrayList<>();
      for (LogParseScore s : report.systems()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", s.system());
        m.put("lines", s.lines());
        m.put("truthTemplates", s.truthTemplates());
        m.put("minedTemplates", s.minedTemplates());
        m.put("groupAccuracy", s.groupAccuracy());
        m.put("parsingAccuracy", s.parsingAccuracy());
        systems.add(m);
      }
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("config", config);
      root.put("systems", systems);
      root.put("averageGroupAccuracy", report.averageGroupAccuracy());
      root.put("averageParsingAccuracy", report.averageParsingAccuracy());
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    } else {
      out.printf(
          Locale.ROOT,
          "%-12s %6s %6s %6s %7s %7s%n",
          "system",
          "lines",
          "truth",
          "mined",
          "GA",
          "PA");
      for (LogParseScore s : report.systems()) {
        out.printf(
            Locale.ROOT,
            "%-12s %6d %6d %6d %7.4f %7.4f%n",
            s.system(),
            s.lines(),
            s.truthTemplates(),
            s.minedTemplates(),
            s.groupAccuracy(),
            s.parsingAccuracy());
      }
      out.printf(
          Locale.ROOT,
          "%-12s %27s %7.4f %7.4f%n",
          "average",
          "",
          report.averageGroupAccuracy(),
          report.averageParsingAccuracy());
    }
    out.flush();
    return 0;
  }

  private void printLoso(LeaveOneSystemOut.Result r) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    boolean shippedIsAllIn = r.allInChoice().equals(MinerConfig.defaults());
    if (json) {
      List<Map<String, Object>> folds = new ArrayList<>();
      for (LeaveOneSystemOut.Fold f : r.folds()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heldOut", f.heldOut());
        m.put("training", f.training());
        m.put("chosen", f.chosen());
        m.put("groupAccuracy", f.score().groupAccuracy());
        m.put("parsingAccuracy", f.score().parsingAccuracy());
        folds.add(m);
      }
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("grid", MinerConfig.grid().size());
      root.put("folds", folds);
      root.put("losoAverageGroupAccuracy", r.losoGroupAccuracy());
      root.put("losoAverageParsingAccuracy", r.losoParsingAccuracy());
      root.put("allInChoice", r.allInChoice());
      root.put("allInAverageGroupAccuracy", r.allIn().averageGroupAccuracy());
      root.put("allInAverageParsingAccuracy", r.allIn().averageParsingAccuracy());
      root.put("shippedDefaultIsAllInChoice", shippedIsAllIn);
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
      out.flush();
      return;
    }
    out.printf(
        Locale.ROOT,
        "Leave one system out (%d configurations; each chosen on the other systems):%n",
        MinerConfig.grid().size());
    out.printf(
        Locale.ROOT,
        "%-12s %-34s %7s %7s   %7s %7s%n",
        "held out",
        "chosen on the others",
        "GA",
        "PA",
        "all-in",
        "");
    for (int i = 0; i < r.folds().size(); i++) {
      LeaveOneSystemOut.Fold f = r.folds().get(i);
      LogParseScore all = r.allIn().systems().get(i);
      out.printf(
          Locale.ROOT,
          "%-12s %-34s %7.4f %7.4f   %7.4f %7.4f%n",
          f.heldOut(),
          f.chosen().label(),
          f.score().groupAccuracy(),
          f.score().parsingAccuracy(),
          all.groupAccuracy(),
          all.parsingAccuracy());
    }
    out.printf(
        Locale.ROOT,
        "%-12s %-34s %7.4f %7.4f   %7.4f %7.4f%n",
        "average",
        "(LOSO | all-in)",
        r.losoGroupAccuracy(),
        r.losoParsingAccuracy(),
        r.allIn().averageGroupAccuracy(),
        r.allIn().averageParsingAccuracy());
    out.printf(
        Locale.ROOT,
        "all-in choice (chosen on every system): %s; shipped default %s%n",
        r.allInChoice().label(),
        shippedIsAllIn ? "is that configuration" : "differs: " + MinerConfig.defaults().label());
    out.flush();
  }
}
