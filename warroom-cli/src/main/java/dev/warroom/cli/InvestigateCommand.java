package dev.warroom.cli;

import dev.warroom.engine.agents.Dialect;
import dev.warroom.engine.agents.DialectProfile;
import dev.warroom.engine.director.Director;
import dev.warroom.engine.director.Investigation;
import dev.warroom.engine.director.Investigator;
import dev.warroom.engine.report.HtmlReport;
import dev.warroom.engine.report.JsonReport;
import dev.warroom.engine.report.MarkdownReport;
import dev.warroom.model.RcaReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warroom investigate BUNDLE [--format md|json|html] [--out FILE] [--runbook FILE]}:
 * investigates an incident bundle and prints or writes the RCA report.
 */
@Command(
    name = "investigate",
    mixinStandardHelpOptions = true,
    description = {
      "Investigates an incident bundle (see docs/bundles.md): picks a runbook for the alert, runs"
          + " it over the telemetry, and reports the root cause with the evidence behind it.",
      "Queries are shown as they ran against the embedded store and in your dialect (--dialect)."
    },
    footer = {
      "",
      "Examples:",
      "  warroom investigate ./bundle",
      "  warroom investigate ./bundle --format html --out report.html",
      "  warroom investigate ./bundle --runbook my.wr --dialect spl --json"
    })
final class InvestigateCommand implements Callable<Integer> {
  /** Report formats. */
  enum Format {
    md,
    json,
    html
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle folder.")
  Path bundle;

  @Option(
      names = "--format",
      defaultValue = "md",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report here, not to standard output.")
  Path out;

  @Option(
      names = "--runbook",
      paramLabel = "FILE",
      description = "Run this runbook instead of the one the Director picks (checked first).")
  Path runbook;

  @Option(
      names = "--dialect",
      paramLabel = "DIALECT",
      description =
          "Show queries in this dialect: promql, logql, spl, cloudwatch, opensearch, sql"
              + " (default: PromQL for metrics, LogQL for logs, OpenSearch for traces and events).")
  String dialect;

  @Mixin DataOptions data;

  @Mixin SimilarHistory similar;

  @Override
  public Integer call() throws Exception {
    Director director = Director.standard();
    if (dialect != null) {
      director = director.withDialects(DialectProfile.of(Dialect.parse(dialect)));
    }
    director = data.apply(director);
    String runbookText = runbook == null ? null : Files.readString(runbook, StandardCharsets.UTF_8);
    Investigation inv =
        new Investigator(director, data.withheld())
            .withWindows(data.window(), data.baseline())
            .investigate(bundle, runbookText);
    String text =
        similar.decorate(
            inv.report(),
            render(inv.report(), json ? Format.json : format),
            json ? Format.json : format);
    long skipped = inv.report().dataQuality().skippedTotal();
    if (skipped > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              "note: %,d malformed record%s skipped and counted; see the report's Data quality"
                  + " section ('warroom bundle validate %s' lists every one)%n",
              skipped, skipped == 1 ? " was" : "s were", bundle);
    }
    if (out != null) {
      Files.writeString(out, text, StandardCharsets.UTF_8);
      spec.commandLine()
          .getErr()
          .printf(
              "report written to %s (%s, verdict %s)%n",
              out,
              inv.runbookName(),
              inv.report().verdict().name().toLowerCase(java.util.Locale.ROOT));
    } else {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  static String render(RcaReport r, Format f) {
    return switch (f) {
      case md -> MarkdownReport.render(r);
      case json -> JsonReport.render(r) + "\n";
      case html -> HtmlReport.render(r);
    };
  }
}
