package dev.warroom.dsl;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a runbook, as a value (jlox keeps going after an error so a user sees every
 * problem at once; so do the lexer, parser and checker here).
 */
public record Diagnostic(int line, int column, Severity severity, String message) {
  /** How bad a diagnostic is: errors stop a runbook from running, warnings do not. */
  public enum Severity {
    ERROR,
    WARNING;

    /** The lower-case word used in rendered diagnostics ("error", "warning"). */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Source order, then errors before warnings, then message. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::severity)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("negative position: " + line + ":" + column);
    }
    Objects.requireNonNull(severity, "severity");
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("blank diagnostic message");
    }
  }

  /** An error at {@code at}. */
  public static Diagnostic error(Position at, String message) {
    return new Diagnostic(at.line(), at.column(), Severity.ERROR, message);
  }

  /** A warning at {@code at}. */
  public static Diagnostic warning(Position at, String message) {
    return new Diagnostic(at.line(), at.column(), Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code line:column: severity: message}, the form compilers print (prefix it with a file). */
  public String render() {
    return line + ":" + column + ": " + severity.word() + ": " + message;
  }
}
