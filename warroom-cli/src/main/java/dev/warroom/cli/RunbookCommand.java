package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.dsl.ActorCatalog;
import dev.warroom.dsl.ActorSignature;
import dev.warroom.dsl.Builtin;
import dev.warroom.dsl.CheckResult;
import dev.warroom.dsl.Diagnostic;
import dev.warroom.dsl.ParseResult;
import dev.warroom.dsl.Runbooks;
import dev.warroom.dsl.Statement;
import dev.warroom.engine.actors.ActorRegistry;
import dev.warroom.engine.director.ActorSignatures;
import dev.warroom.model.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom runbook check|fmt|actors}: the runbook language's tools (docs/runbooks.md). */
@Command(
    name = "runbook",
    mixinStandardHelpOptions = true,
    description = "Checks and formats runbooks, and lists the actors they may call.",
    footer = {
      "",
      "Examples:",
      "  warroom runbook check latency.wr",
      "  warroom runbook fmt --write latency.wr",
      "  warroom runbook actors --json"
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      RunbookCommand.Check.class,
      RunbookCommand.Fmt.class,
      RunbookCommand.Actors.class,
      RunbookDraftCommand.class
    })
final class RunbookCommand {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The catalog of the engine's standard actors, which the Director runs runbooks with. */
  static ActorCatalog catalog() {
    return ActorSignatures.catalog(ActorRegistry.standard());
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** {@code warroom runbook check FILE... [--json]}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Parses and checks runbooks against the engine's actors; prints every diagnostic as",
        "FILE:LINE:COL: error|warning: message. Exits 3 when any file has an error."
      },
      footer = {
        "",
        "Examples:",
        "  warroom runbook check http_errors.wr",
        "  warroom runbook check *.wr --json"
      })
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Runbook files (.wr).")
    List<Path> files;

    @Option(names = "--json", description = "Print the diagnostics as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      ActorCatalog catalog = catalog();
      ArrayNode results = JSON.createArrayNode();
      int errors = 0;
      int warnings = 0;
      for (Path file : files) {
        CheckResult r = Runbooks.check(read(file), catalog);
        errors += r.errors().size();
        warnings += r.diagnostics().size() - r.errors().size();
        if (json) {
          results.add(toJson(file, r));
        } else {
          out.print(r.render(file.toString()));
        }
      }
      if (json) {
        out.println(JSON.writeValueAsString(results));
      } else {
        out.println(
            (errors == 0 ? "ok: " : "failed: ")
                + files.size()
                + (files.size() == 1 ? " runbook, " : " runbooks, ")
                + errors
                + (errors == 1 ? " error, " : " errors, ")
                + warnings
                + (warnings == 1 ? " warning" : " warnings"));
      }
      out.flush();
      return errors == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    private static ObjectNode toJson(Path file, CheckResult r) {
      ObjectNode n = JSON.createObjectNode();
      n.put("file", file.toString());
      n.put("ok", r.ok());
      n.put("id", r.runbook().id());
      n.put("title", r.runbook().title());
      n.put("steps", r.runbook().steps().size());
      ArrayNode hypotheses = n.putArray("hypotheses");
      for (Statement.Hypothesis h : r.runbook().hypotheses()) {
        ObjectNode o = hypotheses.addObject();
        o.put("title", h.title());
        if (h.prior().isPresent()) {
          o.put("prior", h.prior().getAsDouble());
        } else {
          o.putNull("prior");
        }
      }
      ArrayNode diagnostics = n.putArray("diagnostics");
      for (Diagnostic d : r.diagnostics()) {
        ObjectNode o = diagnostics.addObject();
        o.put("line", d.line());
        o.put("column", d.column());
        o.put("severity", d.severity().word());
        o.put("message", d.message());
      }
      return n;
    }
  }

  /** {@code warroom runbook fmt FILE [--write|--check]}. */
  @Command(
      name = "fmt",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a runbook in canonical layout (comments kept). --write rewrites the file;",
        "--check only tells whether it is formatted (exit 3 when it is not)."
      },
      footer = {
        "",
        "Examples:",
        "  warroom runbook fmt latency.wr",
        "  warroom runbook fmt --check runbooks/*.wr"
      })
  static final class Fmt implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Runbook files (.wr).")
    List<Path> files;

    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
      @Option(names = "--write", description = "Rewrite each file in place when it changes.")
      boolean write;

      @Option(names = "--check", description = "Change nothing; fail when a file is not formatted.")
      boolean check;
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      boolean write = mode != null && mode.write;
      boolean check = mode != null && mode.check;
      if (!write && !check && files.size() > 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "printing formats one FILE; use --write or --check for several");
      }
      List<String> unformatted = new java.util.ArrayList<>();
      for (Path file : files) {
        String source = read(file);
        ParseResult parsed = Runbooks.parse(source);
        if (!parsed.ok()) {
          throw new InvalidInputException(
              parsed.diagnostics().stream()
                  .filter(Diagnostic::isError)
                  .map(d -> file + ":" + d.line() + ":" + d.column() + ": " + d.message())
                  .toList());
        }
        String formatted = Runbooks.format(source);
        if (check) {
          if (!formatted.equals(source)) {
            unformatted.add(file.toString());
          }
        } else if (write) {
          if (!formatted.equals(source)) {
            Files.writeString(file, formatted, StandardCharsets.UTF_8);
            out.println("formatted " + file);
          }
        } else {
          out.print(formatted);
        }
      }
      out.flush();
      if (!unformatted.isEmpty()) {
        throw new InvalidInputException(
            unformatted.stream()
                .map(f -> f + ": not formatted (run: warroom runbook fmt --write " + f + ")")
                .toList());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code warroom runbook actors [--json]}: the catalog the checker uses. */
  @Command(
      name = "actors",
      mixinStandardHelpOptions = true,
      description = "Lists the actors and built-in functions a runbook may call, with their types.",
      footer = {"", "Examples:", "  warroom runbook actors", "  warroom runbook actors --json"})
  static final class Actors implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the catalog as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      List<ActorSignature> actors = catalog().all();
      if (json) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("actors");
        for (ActorSignature a : actors) {
          ObjectNode o = list.addObject();
          o.put("name", a.name());
          o.put("description", a.description());
          ArrayNode params = o.putArray("params");
          for (ActorSignature.Param p : a.params()) {
            params
                .addObject()
                .put("name", p.name())
                .put("type", p.type().display())
                .put("required", p.required());
          }
          ObjectNode outputs = o.putObject("outputs");
          new java.util.TreeMap<>(a.outputs()).forEach((k, v) -> outputs.put(k, v.display()));
        }
        ArrayNode functions = root.putArray("functions");
        for (Builtin b : Builtin.values()) {
          functions
              .addObject()
              .put("name", b.functionName())
              .put("argument", b.parameter())
              .put("description", b.description());
        }
        out.println(JSON.writeValueAsString(root));
      } else {
        for (ActorSignature a : actors) {
          out.println(a.name() + " — " + a.description());
          for (ActorSignature.Param p : a.params()) {
            out.println(
                "    "
                    + p.name()
                    + ": "
                    + p.type().display()
                    + (p.required() ? "" : " (optional)"));
          }
          out.println(
              "    -> "
                  + String.join(
                      ", ",
                      new java.util.TreeMap<>(a.outputs())
                          .entrySet().stream()
                              .map(e -> e.getKey() + ": " + e.getValue().display())
                              .toList()));
        }
        out.println("functions:");
        for (Builtin b : Builtin.values()) {
          out.println("    " + b.functionName() + "(" + b.parameter() + ") — " + b.description());
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
