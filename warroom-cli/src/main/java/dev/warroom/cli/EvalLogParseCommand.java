package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
      "  warroom eval logparse --data ../shared/datasets/loghub-2k --raw"
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

  @Override
  public Integer call() throws Exception {
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
      root.put(
          "config",
          Map.of(
              "similarityThreshold", config.similarityThreshold(),
              "wordsAreConstant", config.wordsAreConstant()));
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
}
