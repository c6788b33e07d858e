package dev.warroom.engine.director;

import dev.warroom.dsl.ActorCatalog;
import dev.warroom.dsl.CheckResult;
import dev.warroom.dsl.Runbook;
import dev.warroom.dsl.Runbooks;
import dev.warroom.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The runbooks the Director chooses from, one per alert class (latency, error rate, saturation,
 * restarts, database load, queue lag, availability) and a general one for alerts of no known class
 * or none at all. They are resources of this module ({@code /runbooks/*.wr}), checked against the
 * actor catalog when loaded.
 */
public final class RunbookLibrary {
  /** Library order: the first whose {@code when} holds is chosen; {@code general} has none. */
  static final List<String> NAMES =
      List.of(
          "latency",
          "http_errors",
          "saturation",
          "restarts",
          "database_load",
          "queue_lag",
          "availability",
          "general");

  /** A checked runbook and its text. */
  public record Entry(String name, String text, Runbook runbook) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(runbook, "runbook");
    }
  }

  private final List<Entry> entries;

  private RunbookLibrary(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The built-in library, checked against {@code catalog}. */
  public static RunbookLibrary builtIn(ActorCatalog catalog) {
    List<Entry> out = new ArrayList<>();
    for (String n : NAMES) {
      out.add(load(n + ".wr", read("/runbooks/" + n + ".wr"), catalog));
    }
    return new RunbookLibrary(out);
  }

  /**
   * Parses and checks a runbook text.
   *
   * @throws InvalidInputException with every diagnostic as {@code file:line:col: error: ...}
   */
  public static Entry load(String file, String text, ActorCatalog catalog) {
    CheckResult r = Runbooks.check(text, catalog);
    if (!r.ok()) {
      throw new InvalidInputException(
          r.errors().stream().map(d -> file + ":" + d.render()).toList());
    }
    return new Entry(file, text, r.runbook());
  }

  private static String read(String resource) {
    try (InputStream in = RunbookLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing runbook resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Entry> entries() {
    return entries;
  }
}
