package dev.warroom.cli;

import dev.warroom.assist.AssistSections;
import dev.warroom.assist.kb.KnowledgeBase;
import dev.warroom.assist.kb.RelatedKnowledge;
import dev.warroom.assist.llm.AssistText;
import dev.warroom.assist.llm.Assistant;
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
      "Investigates an incident bundle (see docs/bundles.md), or with --sources the live backends"
          + " of a sources file (see docs/connectors.md): picks a runbook for the alert, runs it"
          + " over the telemetry, and reports the root cause with the evidence behind it.",
      "Queries are shown as they ran against the embedded store and in your dialect (--dialect)."
    },
    footer = {
      "",
      "Examples:",
      "  warroom investigate ./bundle",
      "  warroom investigate ./bundle --format html --out report.html",
      "  warroom investigate ./bundle --runbook my.wr --dialect spl --json",
      "  warroom investigate --sources sources.yaml --alert alert.json",
      "  warroom investigate ./bundle --kb ~/.warroom/kb --llm-summary"
    })
final class InvestigateCommand implements Callable<Integer> {
  /** Report formats. */
  enum Format {
    md,
    json,
    html
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "BUNDLE",
      description = "The bundle folder (or give --sources and --alert to investigate live).")
  Path bundle;

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description =
          "Investigate the live backends of this sources file (see docs/connectors.md) instead of"
              + " a bundle; needs --alert.")
  Path sources;

  @Option(
      names = "--alert",
      paramLabel = "FILE",
      description =
          "The alert, with --sources: an Alertmanager webhook body, a PagerDuty webhook or"
              + " warroom's alert JSON.")
  Path alert;

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

  @Option(
      names = "--kb",
      paramLabel = "DIR",
      description =
          "Cite passages of this knowledge base (warroom kb add) for the top candidate in a"
              + " Related knowledge section.")
  Path kb;

  @Option(
      names = "--kb-top",
      paramLabel = "N",
      defaultValue = "3",
      description = "Passages to cite (default: ${DEFAULT-VALUE}).")
  int kbTop;

  @Option(
      names = "--llm-summary",
      description =
          "Add a summary paragraph written by the configured LLM (docs/assist.md), each sentence"
              + " checked against the evidence. The rest of the report is the same with or without.")
  boolean llmSummary;

  @Mixin LlmOptions llm;

  @Mixin SimilarHistory similar;

  @Override
  public Integer call() throws Exception {
    Director director = Director.standard();
    if (dialect != null) {
      director = director.withDialects(DialectProfile.of(Dialect.parse(dialect)));
    }
    director = data.apply(director);
    String runbookText = runbook == null ? null : Files.readString(runbook, StandardCharsets.UTF_8);
    Investigator investigator =
        new Investigator(director, data.withheld()).withWindows(data.window(), data.baseline());
    Investigation inv;
    if (sources != null) {
      if (bundle != null) {
        throw new IllegalArgumentException("give a BUNDLE or --sources, not both");
      }
      if (alert == null) {
        throw new IllegalArgumentException("--sources needs --alert FILE");
      }
      var a = LiveSources.alert(alert);
      try (var store = LiveSources.open(sources)) {
        inv = LiveSources.investigate(investigator, store, store, a, runbookText);
      }
    } else {
      if (bundle == null) {
        throw new IllegalArgumentException("give a BUNDLE folder, or --sources FILE --alert FILE");
      }
      if (alert != null) {
        throw new IllegalArgumentException("--alert goes with --sources (a bundle has its alert)");
      }
      inv = investigator.investigate(bundle, runbookText);
    }
    Format f = json ? Format.json : format;
    String text =
        withAssist(similar.decorate(inv.report(), render(inv.report(), f), f), inv.report(), f);
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

  /** The report with the knowledge-base and LLM sections, when asked for; as it was otherwise. */
  private String withAssist(String text, RcaReport r, Format f) throws java.io.IOException {
    java.util.Optional<RelatedKnowledge> related = java.util.Optional.empty();
    if (kb != null) {
      if (!Files.isDirectory(kb.resolve("index"))) {
        throw new IllegalArgumentException(
            "--kb "
                + kb
                + ": no knowledge base there; add documents with 'warroom kb add DIR --kb "
                + kb
                + "'");
      }
      try (KnowledgeBase base = KnowledgeBase.open(kb)) {
        related = java.util.Optional.of(RelatedKnowledge.forReport(r, base, kbTop));
      }
    }
    java.util.List<AssistText> texts =
        llmSummary
            ? java.util.List.of(Assistant.of(llm.required()).summary(r))
            : java.util.List.of();
    AssistSections.Format af =
        switch (f) {
          case md -> AssistSections.Format.MD;
          case json -> AssistSections.Format.JSON;
          case html -> AssistSections.Format.HTML;
        };
    return AssistSections.add(text, af, related, texts);
  }

  static String render(RcaReport r, Format f) {
    return switch (f) {
      case md -> MarkdownReport.render(r);
      case json -> JsonReport.render(r) + "\n";
      case html -> HtmlReport.render(r);
    };
  }
}
