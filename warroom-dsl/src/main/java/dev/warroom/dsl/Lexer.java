package dev.warroom.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written scanner for runbook source (the shape of jlox's {@code Scanner}). Newlines are not
 * significant; {@code #} starts a comment that runs to the end of the line and is kept as a token
 * so the formatter can preserve it. A number followed directly by a unit ({@code ms s m h d}) is a
 * duration. Errors become diagnostics and scanning continues.
 */
final class Lexer {
  private final String source;
  private final List<Token> tokens = new ArrayList<>();
  private final List<Diagnostic> diagnostics;
  private int start;
  private int current;
  private int line = 1;
  private int lineStart;
  private Position startPosition = Position.NONE;

  Lexer(String source, List<Diagnostic> diagnostics) {
    this.source = source;
    this.diagnostics = diagnostics;
  }

  List<Token> scan() {
    // Editors on Windows may start a UTF-8 file with a byte-order mark; it is not content.
    if (source.startsWith("\uFEFF")) {
      current = 1;
      lineStart = 1;
    }
    while (!atEnd()) {
      start = current;
      startPosition = new Position(line, current - lineStart + 1);
      scanToken();
    }
    tokens.add(new Token(TokenKind.EOF, "", "", new Position(line, current - lineStart + 1)));
    return tokens;
  }

  private void scanToken() {
    char c = advance();
    switch (c) {
      case ' ', '\t', '\r' -> {}
      case '\n' -> newLine();
      case '{' -> add(TokenKind.LEFT_BRACE);
      case '}' -> add(TokenKind.RIGHT_BRACE);
      case '(' -> add(TokenKind.LEFT_PAREN);
      case ')' -> add(TokenKind.RIGHT_PAREN);
      case '[' -> add(TokenKind.LEFT_BRACKET);
      case ']' -> add(TokenKind.RIGHT_BRACKET);
      case ',' -> add(TokenKind.COMMA);
      case '.' -> add(TokenKind.DOT);
      case ':' -> add(TokenKind.COLON);
      case '=' -> add(match('=') ? TokenKind.EQUAL : TokenKind.ASSIGN);
      case '<' -> add(match('=') ? TokenKind.LESS_EQUAL : TokenKind.LESS);
      case '>' -> add(match('=') ? TokenKind.GREATER_EQUAL : TokenKind.GREATER);
      case '!' -> {
        if (match('=')) {
          add(TokenKind.NOT_EQUAL);
        } else {
          error("unexpected character '!' (write 'not' for negation)");
        }
      }
      case '#' -> comment();
      case '"' -> string();
      default -> {
        if (isDigit(c)) {
          number();
        } else if (isIdentifierStart(c)) {
          identifier();
        } else {
          error("unexpected character '" + printable(c) + "'");
        }
      }
    }
  }

  private void comment() {
    while (!atEnd() && peek() != '\n') {
      current++;
    }
    // A lone carriage return is not a line break here; keep comment text on one line.
    String text = source.substring(start + 1, current).replace('\r', ' ').strip();
    tokens.add(new Token(TokenKind.COMMENT, source.substring(start, current), text, startPosition));
  }

  private void string() {
    StringBuilder value = new StringBuilder();
    while (!atEnd() && peek() != '"') {
      char c = advance();
      if (c == '\n') {
        error("unterminated string (strings end on the line they start)");
        newLine();
        return;
      }
      if (c == '\\') {
        if (atEnd()) {
          break;
        }
        char e = advance();
        switch (e) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case '"' -> value.append('"');
          case '\\' -> value.append('\\');
          default -> {
            diagnostics.add(
                Diagnostic.error(
                    new Position(line, current - lineStart - 1),
                    "unknown escape '\\" + printable(e) + "' (use \\\" \\\\ \\n \\t)"));
            value.append(e);
          }
        }
      } else {
        value.append(c);
      }
    }
    if (atEnd()) {
      error("unterminated string");
      return;
    }
    current++; // closing quote
    tokens.add(
        new Token(
            TokenKind.STRING, source.substring(start, current), value.toString(), startPosition));
  }

  private void number() {
    while (isDigit(peek())) {
      current++;
    }
    if (peek() == '.' && isDigit(peekNext())) {
      current++;
      while (isDigit(peek())) {
        current++;
      }
    }
    if (isIdentifierStart(peek())) {
      int unitStart = current;
      while (isIdentifierPart(peek())) {
        current++;
      }
      String unit = source.substring(unitStart, current);
      if (!DurationUnits.isUnit(unit)) {
        error(
            "unknown duration unit '"
                + unit
                + "' in '"
                + source.substring(start, current)
                + "' (use ms, s, m, h or d)");
        return;
      }
      if (source.substring(start, unitStart).contains(".")) {
        error("a duration needs a whole number: '" + source.substring(start, current) + "'");
        return;
      }
      add(TokenKind.DURATION);
      return;
    }
    add(TokenKind.NUMBER);
  }

  private void identifier() {
    while (isIdentifierPart(peek())) {
      current++;
    }
    String word = source.substring(start, current);
    add(TokenKind.keyword(word).orElse(TokenKind.IDENTIFIER));
  }

  private void add(TokenKind kind) {
    String text = source.substring(start, current);
    tokens.add(new Token(kind, text, text, startPosition));
  }

  private void error(String message) {
    diagnostics.add(Diagnostic.error(startPosition, message));
  }

  private void newLine() {
    line++;
    lineStart = current;
  }

  private boolean match(char expected) {
    if (atEnd() || source.charAt(current) != expected) {
      return false;
    }
    current++;
    return true;
  }

  private char advance() {
    return source.charAt(current++);
  }

  private char peek() {
    return atEnd() ? '\0' : source.charAt(current);
  }

  private char peekNext() {
    return current + 1 >= source.length() ? '\0' : source.charAt(current + 1);
  }

  private boolean atEnd() {
    return current >= source.length();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c);
  }

  private static String printable(char c) {
    return c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
