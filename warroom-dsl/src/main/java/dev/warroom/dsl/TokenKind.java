package dev.warroom.dsl;

import java.util.Map;
import java.util.Optional;

/** The kinds of token the runbook lexer produces. */
enum TokenKind {
  // punctuation
  LEFT_BRACE("{"),
  RIGHT_BRACE("}"),
  LEFT_PAREN("("),
  RIGHT_PAREN(")"),
  LEFT_BRACKET("["),
  RIGHT_BRACKET("]"),
  COMMA(","),
  DOT("."),
  COLON(":"),
  ASSIGN("="),
  EQUAL("=="),
  NOT_EQUAL("!="),
  LESS("<"),
  LESS_EQUAL("<="),
  GREATER(">"),
  GREATER_EQUAL(">="),
  // literals
  IDENTIFIER("identifier"),
  STRING("string"),
  NUMBER("number"),
  DURATION("duration"),
  COMMENT("comment"),
  // keywords
  RUNBOOK("runbook"),
  WHEN("when"),
  BUDGET("budget"),
  STEP("step"),
  HYPOTHESIS("hypothesis"),
  PRIOR("prior"),
  REQUIRE("require"),
  PARALLEL("parallel"),
  FOR("for"),
  IN("in"),
  CONCLUDE("conclude"),
  AND("and"),
  OR("or"),
  NOT("not"),
  TRUE("true"),
  FALSE("false"),
  EOF("end of file");

  private static final Map<String, TokenKind> KEYWORDS =
      Map.ofEntries(
          Map.entry("runbook", RUNBOOK),
          Map.entry("when", WHEN),
          Map.entry("budget", BUDGET),
          Map.entry("step", STEP),
          Map.entry("hypothesis", HYPOTHESIS),
          Map.entry("prior", PRIOR),
          Map.entry("require", REQUIRE),
          Map.entry("parallel", PARALLEL),
          Map.entry("for", FOR),
          Map.entry("in", IN),
          Map.entry("conclude", CONCLUDE),
          Map.entry("and", AND),
          Map.entry("or", OR),
          Map.entry("not", NOT),
          Map.entry("true", TRUE),
          Map.entry("false", FALSE));

  private final String display;

  TokenKind(String display) {
    this.display = display;
  }

  /** How the token is named in diagnostics: {@code '{'}, {@code 'step'}, {@code identifier}. */
  String display() {
    return switch (this) {
      case IDENTIFIER, STRING, NUMBER, DURATION, COMMENT, EOF -> display;
      default -> "'" + display + "'";
    };
  }

  static Optional<TokenKind> keyword(String word) {
    return Optional.ofNullable(KEYWORDS.get(word));
  }

  static boolean isKeyword(String word) {
    return KEYWORDS.containsKey(word);
  }
}
