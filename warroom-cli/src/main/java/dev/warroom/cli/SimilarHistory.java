package dev.warroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.report.JsonReport;
import dev.warroom.engine.report.SimilarIncidents;
import dev.warroom.model.RcaReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --history DIR}: past reports (warroom's JSON form, one {@code *.json} file each) that a
 * new report is compared with; the most similar are listed in it ({@link SimilarIncidents}). A past
 * report file may carry a {@code feedback} array of strings people gave on it.
 */
final class SimilarHistory {
  @Option(
      names = "--history",
      paramLabel = "DIR",
      description =
          "Folder of past reports (JSON, as 'investigate --json' writes them): the report lists the"
              + " most similar ones.")
  Path history;

  @Option(
      names = "--similar",
      defaultValue = "5",
      paramLabel = "K",
      description = "How many similar past incidents to list (default: ${DEFAULT-VALUE}).")
  int similar;

  /** The past reports of the folder; a file that is not a report is an error naming it. */
  static List<SimilarIncidents.Past> read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--history: " + dir + " is not a folder");
    }
    ObjectMapper m = new ObjectMapper();
    List<SimilarIncidents.Past> out = new ArrayList<>();
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      JsonNode r;
      try {
        r = m.readTree(f.toFile());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(
            f + ":" + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage());
      }
      if (r == null || !r.path("incidentId").isTextual() || !r.path("findings").isArray()) {
        throw new IllegalArgumentException(
            f + ": not a warroom report (needs incidentId and findings)");
      }
      List<String> fb = new ArrayList<>();
      r.path("feedback").forEach(x -> fb.add(x.asText()));
      out.add(new SimilarIncidents.Past(r.get("incidentId").asText(), r, fb));
    }
    return out;
  }

  /** The rendered report with its similar incidents added (JSON field or Markdown section). */
  String decorate(RcaReport report, String rendered, InvestigateCommand.Format format)
      throws IOException {
    if (history == null) {
      return rendered;
    }
    if (similar < 1) {
      throw new IllegalArgumentException("--similar: must be >= 1, got " + similar);
    }
    ObjectNode tree = JsonReport.tree(report);
    List<SimilarIncidents.Match> matches = SimilarIncidents.rank(tree, read(history), similar);
    return switch (format) {
      case json -> {
        tree.set("similarIncidents", SimilarIncidents.toJson(matches));
        yield new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
      }
      case md -> rendered + SimilarIncidents.markdown(matches);
      case html -> rendered;
    };
  }
}
