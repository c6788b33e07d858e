package dev.warroom.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry points of the runbook language: {@code parse}, {@code check} (parse + checker in one pass),
 * {@code format}.
 *
 * <pre>{@code
 * CheckResult r = Runbooks.check(text, ActorCatalog.of(actors));
 * if (!r.ok()) throw new InvalidInputException(r.render("latency.wr"));
 * Runbook plan = r.runbook();
 * }</pre>
 */
public final class Runbooks {
  private Runbooks() {}

  /** Syntax only. */
  public static ParseResult parse(String source) {
    return Parser.parse(source);
  }

  /**
   * Parses and checks {@code source} against {@code catalog}. The checker also runs on a runbook
   * with syntax errors (on the statements that could be recovered), so one call reports all.
   */
  public static CheckResult check(String source, ActorCatalog catalog) {
    ParseResult parsed = Parser.parse(source);
    List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
    all.addAll(new Checker(catalog).check(parsed.runbook(), parsed.brokenSteps()));
    return new CheckResult(parsed.runbook(), all);
  }

  /**
   * The canonical text of {@code source}; the author's blank lines between statements are kept (at
   * most one in a row).
   *
   * @throws IllegalArgumentException listing the syntax errors ({@code line:col: error: ...}) when
   *     the text does not parse
   */
  public static String format(String source) {
    ParseResult parsed = Parser.parse(source);
    if (!parsed.ok()) {
      StringBuilder message = new StringBuilder("runbook has syntax errors:");
      parsed.diagnostics().stream()
          .filter(Diagnostic::isError)
          .forEach(d -> message.append('\n').append(d.render()));
      throw new IllegalArgumentException(message.toString());
    }
    return Formatter.format(parsed.runbook(), source);
  }
}
