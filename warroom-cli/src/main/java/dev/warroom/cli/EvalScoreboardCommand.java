package dev.warroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.director.FusionLearning;
import dev.warroom.engine.director.Investigator;
import dev.warroom.engine.director.ModelDirectory;
import dev.warroom.engine.report.NarrativeCheck;
import dev.warroom.eval.GymSuiteEvaluation;
import dev.warroom.model.RcaReport;
import dev.warroom.model.SharedDatasets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
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

/**
 * {@code warroom eval scoreboard}: every accuracy benchmark of the repository, run in this process,
 * one 0–1 score per category. The RCA categories score the model directory's active version (else
 * the shipped one), as the gate of {@code warroom learn} does ({@link RcaGate}).
 */
@Command(
    name = "scoreboard",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every accuracy benchmark, grouped by category, one 0-1 score each: log"
          + " understanding (Loghub-2k leave-one-system-out group accuracy), code and exceptions"
          + " (codefaults top-1), trace summary (gym traces-only top-1), database debugging"
          + " (dbfaults accuracy), metric time series (NAB leave-one-category-out standard score"
          + " / 100), RCA on the gym (the active model's top-1 on fresh seeds), RCA on labelled"
          + " real bundles (top-1 on --bundles/--truth), factual consistency of report text"
          + " (share of generated reports NarrativeCheck finds nothing unsupported in). A"
          + " category whose data is absent is reported as skipped, with the reason."
    },
    footer = {
      "",
      "Examples:",
      "  warroom eval scoreboard --quick",
      "  warroom eval scoreboard --json --bundles /tmp/nz/bundles --truth /tmp/nz/truth/nezha-ob.json"
    })
final class EvalScoreboardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the scoreboard as JSON.")
  boolean json;

  @Option(names = "--quick", description = "Small sizes: a few minutes on 2 cores.")
  boolean quick;

  @Option(
      names = "--bundles",
      paramLabel = "DIR",
      description = "Labelled real bundles for 'RCA on labelled real bundles'.")
  Path bundles;

  @Option(names = "--truth", paramLabel = "FILE", description = "The labels of --bundles.")
  Path truth;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description = "Model directory whose active version is scored (default: ~/.warroom/models).")
  Path models;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "Score this model file instead of the active version.")
  Path model;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Cache of generated suites and investigations (default: a temporary folder).")
  Path work;

  @Option(
      names = "--only",
      paramLabel = "IDS",
      split = ",",
      description = "Run only these categories (ids as in the output).")
  List<String> only;

  /** One category's outcome: a score in [0,1], or skipped with the reason. */
  record Score(String id, String name, String method, Double score, String skipped, long millis) {}

  private interface Part {
    /** The score and what it measured ("top-1 over 40 episodes"). */
    Object[] run() throws Exception;
  }

  /** Thrown by a part whose data is absent. */
  static final class Skip extends Exception {
    Skip(String reason) {
      super(reason);
    }
  }

  @Override
  public Integer call() throws Exception {
    Path cache = work != null ? work : Files.createTempDirectory("warroom-scoreboard");
    Path chosen =
        model != null
            ? model
            : (models == null ? ModelDirectory.defaultLocation() : ModelDirectory.at(models))
                .activeFile()
                .orElse(null);
    Map<String, Object[]> parts = new LinkedHashMap<>();
    parts.put("logs", new Object[] {"log understanding", (Part) this::logs});
    parts.put("code", new Object[] {"code and exceptions", (Part) this::code});
    parts.put("traces", new Object[] {"trace summary", (Part) this::traces});
    parts.put("db", new Object[] {"database debugging", (Part) this::db});
    parts.put("metrics", new Object[] {"metric time series", (Part) this::nab});
    parts.put("rca-gym", new Object[] {"RCA on the gym", (Part) () -> rcaGym(chosen, cache)});
    parts.put(
        "rca-bundles",
        new Object[] {"RCA on labelled real bundles", (Part) () -> rcaBundles(chosen, cache)});
    parts.put(
        "narrative",
        new Object[] {"factual consistency of report text", (Part) () -> narrative(chosen, cache)});
    List<Score> scores = new ArrayList<>();
    PrintWriter o = spec.commandLine().getOut();
    for (var e : parts.entrySet()) {
      if (only != null && !only.contains(e.getKey())) {
        continue;
      }
      String name = (String) e.getValue()[0];
      long t0 = System.nanoTime();
      Score s;
      try {
        Object[] r = ((Part) e.getValue()[1]).run();
        s = new Score(e.getKey(), name, (String) r[1], (Double) r[0], null, ms(t0));
      } catch (Skip k) {
        s = new Score(e.getKey(), name, null, null, k.getMessage(), ms(t0));
      }
      scores.add(s);
      if (!json) {
        o.println(line(s));
        o.flush();
      }
    }
    if (json) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode root = m.createObjectNode();
      root.put("quick", quick);
      root.put("model", chosen == null ? ModelDirectory.SHIPPED : chosen.toString());
      ArrayNode a = root.putArray("categories");
      for (Score s : scores) {
        ObjectNode n = a.addObject();
        n.put("id", s.id());
        n.put("category", s.name());
        if (s.score() != null) {
          n.put("score", s.score());
          n.put("method", s.method());
        } else {
          n.putNull("score");
          n.put("skipped", s.skipped());
        }
        n.put("millis", s.millis());
      }
      o.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
    o.flush();
    return ExitCodes.OK;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static String line(Score s) {
    return s.score() != null
        ? String.format(
            Locale.ROOT,
            "%-36s %.3f  %s (%d s)",
            s.name(),
            s.score(),
            s.method(),
            s.millis() / 1000)
        : String.format(Locale.ROOT, "%-36s skipped: %s", s.name(), s.skipped());
  }

  private static Path dataset(String name) throws Skip {
    return SharedDatasets.find(name)
        .orElseThrow(
            () ->
                new Skip(
                    "dataset "
                        + name
                        + " not found (set WARROOM_SHARED to the folder holding datasets/)"));
  }

  /** Runs a warroom subcommand in this process and parses its JSON output. */
  static JsonNode runJson(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        new picocli.CommandLine(new WarroomCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    if (rc != 0) {
      throw new IllegalStateException(
          "warroom " + String.join(" ", args) + " exited " + rc + ": " + err.toString().strip());
    }
    String text = out.toString();
    int start = text.indexOf('{');
    if (start < 0) {
      throw new IllegalStateException("warroom " + String.join(" ", args) + ": no JSON output");
    }
    return new ObjectMapper().readTree(text.substring(start));
  }

  private Object[] logs() throws Exception {
    Path d = dataset("loghub-2k");
    JsonNode r = runJson("eval", "logparse", "--data", d.toString(), "--loso", "--json");
    return new Object[] {
      r.path("losoAverageGroupAccuracy").asDouble(),
      "Loghub-2k group accuracy, leave-one-system-out, " + r.path("folds").size() + " systems"
    };
  }

  private Object[] code() throws Exception {
    String seeds = quick ? "1000..1000" : "1000..1004";
    JsonNode r = runJson("eval", "codefaults", "--seeds", seeds, "--json");
    return new Object[] {
      r.path("top1").asDouble(),
      "codefaults top-1, seeds " + seeds + ", " + r.path("episodes").asInt() + " episodes"
    };
  }

  private Object[] db() throws Exception {
    String seeds = quick ? "1000..1000" : "1000..1004";
    JsonNode r = runJson("eval", "dbfaults", "--seeds", seeds, "--json");
    int n = 0;
    int hits = 0;
    for (JsonNode x : r.path("outcomes")) {
      n++;
      hits += x.path("hit").asBoolean() ? 1 : 0;
    }
    if (n == 0) {
      throw new Skip("dbfaults produced no episodes");
    }
    return new Object[] {
      (double) hits / n, "dbfaults accuracy, seeds " + seeds + ", " + n + " episodes"
    };
  }

  private Object[] traces() throws Exception {
    String seeds = quick ? "9100..9109" : "9100..9159";
    JsonNode r =
        runJson("gym", "eval", "--seeds", seeds, "--withhold", "metrics,logs,events", "--json");
    JsonNode a = r.path("aggregate");
    return new Object[] {
      a.path("top1").asDouble(),
      "gym top-1 with traces only (metrics, logs, events withheld), seeds "
          + seeds
          + ", "
          + a.path("faultEpisodes").asInt()
          + " fault episodes"
    };
  }

  private Object[] nab() throws Exception {
    Path d = dataset("nab");
    JsonNode r = runJson("eval", "nab", "--data", d.toString(), "--loco", "--json");
    JsonNode s = r.path("loco").path("scores").path("standard").path("loco");
    if (s.isMissingNode()) {
      throw new IllegalStateException("eval nab: no loco standard score in its output");
    }
    return new Object[] {
      s.asDouble() / 100, "NAB standard profile, leave-one-category-out, normalised score / 100"
    };
  }

  private Object[] rcaGym(Path model, Path cache) throws Exception {
    String seeds = quick ? "9000..9019" : "9000..9099";
    PrintWriter sink = new PrintWriter(new StringWriter());
    Path suite = RcaGate.generate(seeds, cache, sink);
    FusionLearning.Figures f =
        FusionLearning.score(model, RcaGate.dumpSuite(suite, cache, 2, sink));
    return new Object[] {f.top1Rate(), "gym top-1 on fresh seeds " + seeds + " (" + f + ")"};
  }

  private Object[] rcaBundles(Path model, Path cache) throws Exception {
    if (bundles == null || truth == null) {
      throw new Skip(
          "no labelled bundles given (--bundles DIR --truth FILE, e.g. the Nezha OB set extracted"
              + " from datasets/nezha-ob/nezha-ob.tar.gz)");
    }
    PrintWriter sink = new PrintWriter(new StringWriter());
    List<Path> ex =
        RcaGate.dumpBundles(bundles, truth, cache, 2, sink, quick ? 20 : Integer.MAX_VALUE);
    FusionLearning.Figures f = FusionLearning.score(model, ex);
    return new Object[] {f.top1Rate(), "top-1 (AC@1) on " + bundles.getFileName() + " (" + f + ")"};
  }

  private Object[] narrative(Path model, Path cache) throws Exception {
    String seeds = quick ? "9000..9019" : "9000..9099";
    Path suite = RcaGate.generate(seeds, cache, new PrintWriter(new StringWriter()));
    List<Path> eps = GymSuiteEvaluation.episodes(suite);
    int n = quick ? 8 : 40;
    var director =
        model == null
            ? dev.warroom.engine.director.Director.standard()
            : dev.warroom.engine.director.Director.standard().withModelFile(model);
    Investigator inv = new Investigator(director);
    int pass = 0;
    int done = 0;
    for (Path ep : eps.subList(0, Math.min(n, eps.size()))) {
      RcaReport r = inv.investigate(ep, null).report();
      pass += NarrativeCheck.check(r).isEmpty() ? 1 : 0;
      done++;
    }
    return new Object[] {
      (double) pass / Math.max(1, done),
      "reports with no unsupported entity (NarrativeCheck), "
          + done
          + " gym episodes of seeds "
          + seeds
    };
  }
}
