package dev.warroom.dsl;

/** Unwinds the parser to the enclosing statement after a diagnostic has been recorded. */
final class SyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SyntaxError() {
    super(null, null, false, false);
  }
}
