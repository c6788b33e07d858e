package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.director.Investigator;
import dev.warroom.eval.BundleEvaluation;
import dev.warroom.eval.BundleOutcome;
import dev.warroom.eval.BundleScore;
import dev.warroom.eval.IncidentLabels;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warroom eval bundles DIR --truth FILE}: scores warroom's root-cause ranking on any folder
 * of labelled incident bundles (a team's own past incidents, or a public set).
 */
@Command(
    name = "bundles",
    mixinStandardHelpOptions = true,
    description = {
      "Investigates every bundle folder of DIR that the truth file labels and scores the"
          + " reports: AC@1/3/5 (true service among the first k candidates), Avg@5, per fault"
          + " type, abstentions (reports that did not commit to a root cause), failures, and the"
          + " time per incident (load included; median and p95).",
      "The truth file is a JSON object: bundle folder name -> {\"service\": ..., \"fault\": ...,"
          + " \"component\" or \"pod\": ..., \"onset\": ...}; only service is required (see"
          + " docs/bundles.md)."
    },
    footer = {
      "",
      "Examples:",
      "  warroom eval bundles /data/nezha/bundles --truth /data/nezha/truth/nezha-ob.json",
      "  warroom eval bundles DIR --truth T.json --alert-shift 5m      # alerts 5 min late",
      "  warroom eval bundles DIR --truth T.json --withhold traces --json",
      "  warroom eval bundles DIR --truth T.json --group 'ob-(\\d{4}-\\d\\d-\\d\\d)'  # per day"
    })
final class EvalBundlesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of bundle folders.")
  Path dir;

  @Option(
      names = "--truth",
      required = true,
      paramLabel = "FILE",
      description = "The truth file (bundle name -> root cause).")
  Path truth;

  @Option(names = "--json", description = "Print per-bundle results and the scores as JSON.")
  boolean json;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "N",
      description = "Investigations at once (default 1: cleanest timings).")
  int threads;

  @Option(
      names = "--alert-shift",
      paramLabel = "DURATION",
      description =
          "Move every alert by this much (e.g. 5m, -2m, 90s) to test alerting delay; the"
              + " telemetry is unchanged.")
  String alertShift;

  @Option(
      names = "--group",
      paramLabel = "REGEX",
      description =
          "Also score per group: the first capture group of REGEX in the bundle name (e.g. a"
              + " day).")
  String group;

  @Mixin DataOptions data;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      err.println("warroom: " + dir + ": not a folder");
      return ExitCodes.INVALID_INPUT;
    }
    if (threads < 1 || threads > 64) {
      err.println("warroom: --threads must be 1..64, got " + threads);
      return ExitCodes.USAGE;
    }
    Pattern groupPattern = null;
    if (group != null) {
      try {
        groupPattern = Pattern.compile(group);
      } catch (PatternSyntaxException e) {
        err.println("warroom: --group: not a regular expression: " + e.getDescription());
        return ExitCodes.USAGE;
      }
    }
    Duration shift;
    try {
      shift = alertShift == null ? Duration.ZERO : parseDuration(alertShift);
    } catch (IllegalArgumentException e) {
      err.println("warroom: --alert-shift: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    Map<String, IncidentLabels.Label> labels = IncidentLabels.read(truth);
    Investigator investigator =
        new Investigator(
                data.apply(dev.warroom.engine.director.Director.standard()), data.withheld())
            .withAlertShift(shift)
            .withWindows(data.window(), data.baseline());
    AtomicInteger done = new AtomicInteger();
    BundleEvaluation.Run run =
        BundleEvaluation.run(
            dir,
            labels,
            investigator,
            threads,
            o -> {
              if (!json) {
                synchronized (err) {
                  err.printf(
                      "[%d] %s: truth %s, ranked %s%s (%d ms)%n",
                      done.incrementAndGet(),
                      o.bundle(),
                      o.label().service(),
                      o.rank() == 0 ? "-" : "#" + o.rank(),
                      o.error().isEmpty() ? "" : " FAILED: " + o.error(),
                      o.millis());
                  err.flush();
                }
              }
            });
    if (run.outcomes().isEmpty()) {
      err.println("warroom: " + dir + ": no bundle folder matches a label of " + truth);
      return ExitCodes.INVALID_INPUT;
    }
    Pattern gp = groupPattern;
    BundleScore all = BundleScore.of(run.outcomes());
    Map<String, BundleScore> byFault = BundleScore.byGroup(run.outcomes(), o -> o.label().fault());
    Map<String, BundleScore> byGroup =
        gp == null ? Map.of() : BundleScore.byGroup(run.outcomes(), o -> groupOf(gp, o.bundle()));
    if (json) {
      out.println(toJson(run, all, byFault, byGroup));
    } else {
      printText(out, run, all, byFault, byGroup);
    }
    out.flush();
    return ExitCodes.OK;
  }

  static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    Matcher m = Pattern.compile("([+-]?\\d+)(ms|s|m|h)").matcher(t);
    if (m.matches()) {
      long v = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(v);
        case "s" -> Duration.ofSeconds(v);
        case "m" -> Duration.ofMinutes(v);
        default -> Duration.ofHours(v);
      };
    }
    try {
      return Duration.parse(s.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + s + "' is not a duration (e.g. 5m, -90s, 1h, PT5M)", e);
    }
  }

  private static String groupOf(Pattern p, String name) {
    Matcher m = p.matcher(name);
    if (!m.find()) {
      return "(no match)";
    }
    return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
  }

  private static void printText(
      PrintWriter out,
      BundleEvaluation.Run run,
      BundleScore all,
      Map<String, BundleScore> byFault,
      Map<String, BundleScore> byGroup) {
    out.println(
        "| set | n | AC@1 | AC@3 | AC@5 | Avg@5 | abstained | no candidate | failed |"
            + " median | p95 |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    row(out, "all", all);
    byGroup.forEach((k, v) -> row(out, "group " + k, v));
    byFault.forEach((k, v) -> row(out, "fault " + k, v));
    out.println();
    out.println("Misses (true service not first):");
    for (BundleOutcome o : run.outcomes()) {
      if (!o.hit(1)) {
        out.printf(
            "  %s: truth %s (%s), verdict %s, top %s%s%n",
            o.bundle(),
            o.label().service(),
            o.label().fault(),
            o.verdict() == null ? "failed" : o.verdict().name().toLowerCase(Locale.ROOT),
            o.ranked().subList(0, Math.min(3, o.ranked().size())),
            o.error().isEmpty() ? "" : ", error: " + o.error());
      }
    }
    if (!run.missing().isEmpty()) {
      out.println("Labelled but not found in the folder: " + run.missing());
    }
    if (!run.unlabelled().isEmpty()) {
      out.println("Folders without a label (not scored): " + run.unlabelled().size());
    }
  }

  private static void row(PrintWriter out, String name, BundleScore s) {
    out.printf(
        Locale.ROOT,
        "| %s | %d | %.3f | %.3f | %.3f | %.3f | %d | %d | %d | %.2f s | %.2f s |%n",
        name,
        s.incidents(),
        s.ac1(),
        s.ac3(),
        s.ac5(),
        s.avg5(),
        s.abstained(),
        s.noCandidate(),
        s.failed(),
        s.medianMillis() / 1000.0,
        s.p95Millis() / 1000.0);
  }

  private static String toJson(
      BundleEvaluation.Run run,
      BundleScore all,
      Map<String, BundleScore> byFault,
      Map<String, BundleScore> byGroup) {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    root.set("all", om.valueToTree(all));
    ObjectNode f = root.putObject("byFault");
    byFault.forEach((k, v) -> f.set(k, om.valueToTree(v)));
    ObjectNode g = root.putObject("byGroup");
    byGroup.forEach((k, v) -> g.set(k, om.valueToTree(v)));
    ArrayNode arr = root.putArray("incidents");
    for (BundleOutcome o : run.outcomes()) {
      ObjectNode n = arr.addObject();
      n.put("bundle", o.bundle());
      n.put("service", o.label().service());
      n.put("fault", o.label().fault());
      n.put(
          "verdict", o.verdict() == null ? "failed" : o.verdict().name().toLowerCase(Locale.ROOT));
      n.put("rank", o.rank());
      n.set("ranked", om.valueToTree(o.ranked()));
      n.put("confidence", o.topConfidence());
      n.put("millis", o.millis());
      if (!o.error().isEmpty()) {
        n.put("error", o.error());
      }
    }
    root.set("missing", om.valueToTree(run.missing()));
    root.set("unlabelled", om.valueToTree(run.unlabelled()));
    return root.toPrettyString();
  }
}
