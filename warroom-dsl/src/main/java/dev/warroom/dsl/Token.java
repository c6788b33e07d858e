package dev.warroom.dsl;

/**
 * One lexical token: its kind, the exact source text, the decoded value for strings (unescaped),
 * and where it starts.
 */
record Token(TokenKind kind, String text, String value, Position position) {
  Token {
    if (kind == null || text == null || value == null || position == null) {
      throw new IllegalArgumentException("null token component");
    }
  }

  /** How the token is quoted in "expected X but found Y" diagnostics. */
  String describe() {
    return switch (kind) {
      case EOF -> "end of file";
      case STRING -> "string \"" + value + "\"";
      case IDENTIFIER, NUMBER, DURATION -> kind.display() + " '" + text + "'";
      default -> kind.display();
    };
  }
}
