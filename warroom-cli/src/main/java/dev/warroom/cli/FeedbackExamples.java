package dev.warroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.engine.director.FusionLearning;
import dev.warroom.model.FaultClass;
import dev.warroom.server.DatabaseConfig;
import dev.warroom.server.Feedback;
import dev.warroom.server.Incident;
import dev.warroom.server.IncidentRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Training examples from a warroom server's store: every incident with a stored JSON report and
 * feedback. The latest feedback decides the label: a confirmation labels the report's top candidate
 * (service and class); a correction labels the service its "true root cause" text names, taken from
 * the services the report itself mentions (alert, candidates, findings), and the fault class it
 * names if any ("payments db_lock_contention", "payments: bad deploy"). A correction that names no
 * service the report knows is skipped and counted, never guessed.
 */
final class FeedbackExamples {
  private FeedbackExamples() {}

  /** What was written and what was skipped, with why. */
  record Outcome(List<Path> written, List<String> skipped) {}

  /**
   * Reads the store at {@code source}: a server data folder (its embedded database) or a JDBC URL
   * ({@code jdbc:postgresql://…}; user and password from {@code WARROOM_DB_USER} and {@code
   * WARROOM_DB_PASSWORD}).
   */
  static Outcome export(String source, Path outDir) throws IOException {
    DatabaseConfig config;
    if (source.startsWith("jdbc:")) {
      config =
          new DatabaseConfig(
              source, System.getenv("WARROOM_DB_USER"), System.getenv("WARROOM_DB_PASSWORD"));
    } else {
      Path dir = Path.of(source);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "--feedback: " + source + " is neither a server data folder nor a jdbc: URL");
      }
      config = DatabaseConfig.embedded(dir);
    }
    List<Path> written = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    ObjectMapper m = new ObjectMapper();
    try (IncidentRepository repo = IncidentRepository.open(config)) {
      for (Incident i : repo.list(Integer.MAX_VALUE)) {
        List<Feedback> fb = repo.feedback(i.id());
        if (fb.isEmpty()) {
          continue;
        }
        Optional<String> json = repo.report(i.id(), "json");
        if (json.isEmpty()) {
          skipped.add(i.id() + ": feedback but no stored JSON report");
          continue;
        }
        JsonNode report = m.readTree(json.get());
        Feedback last = fb.getLast();
        Optional<Label> label = label(report, last);
        if (label.isEmpty()) {
          skipped.add(
              i.id()
                  + ": the correction '"
                  + last.trueRootCause()
                  + "' names no service the report mentions");
          continue;
        }
        written.add(
            FusionLearning.writeReportExample(
                i.id(), report, label.get().service(), label.get().fault(), outDir));
      }
    }
    return new Outcome(written, skipped);
  }

  /** A true root cause: the service and, when stated, the class. */
  record Label(String service, FaultClass fault) {}

  static Optional<Label> label(JsonNode report, Feedback f) {
    JsonNode top = report.path("candidates").path(0);
    if (f.correct()) {
      if (top.isMissingNode() || !top.path("service").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(
          new Label(top.get("service").asText(), fault(top.path("faultClass").asText(""))));
    }
    String text = f.trueRootCause() == null ? "" : f.trueRootCause();
    Set<String> services = services(report);
    String service = null;
    FaultClass fault = null;
    for (String token : text.split("[\\s,;:/()]+")) {
      if (service == null && services.contains(token)) {
        service = token;
      } else if (fault == null) {
        fault = fault(token);
      }
    }
    if (fault == null) {
      // a class written with spaces: "bad deploy"
      fault = fault(text.replaceFirst("^\\S+\\s+", "").strip().replace(' ', '_'));
    }
    return service == null ? Optional.empty() : Optional.of(new Label(service, fault));
  }

  private static Set<String> services(JsonNode report) {
    Set<String> out = new LinkedHashSet<>();
    if (report.path("alert").path("service").isTextual()) {
      out.add(report.path("alert").get("service").asText());
    }
    report.path("candidates").forEach(c -> out.add(c.path("service").asText()));
    report
        .path("findings")
        .forEach(
            c -> {
              if (c.path("service").isTextual()) {
                out.add(c.get("service").asText());
              }
            });
    out.remove("");
    return out;
  }

  private static FaultClass fault(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      FaultClass c = FaultClass.parse(text.toLowerCase(Locale.ROOT));
      return c == FaultClass.NONE ? null : c;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
