package dev.warroom.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser's view of the token list: one-token lookahead that skips comments inside statements
 * (collecting them so they can be re-emitted after the statement) and reports "expected X but found
 * Y" diagnostics.
 */
final class TokenCursor {
  private final List<Token> tokens;
  private final List<Diagnostic> diagnostics;
  // Comments met inside a statement; they are re-emitted as statements after it.
  private final List<Statement.Comment> pendingComments = new ArrayList<>();
  private int current;

  TokenCursor(List<Token> tokens, List<Diagnostic> diagnostics) {
    this.tokens = tokens;
    this.diagnostics = diagnostics;
  }

  SyntaxError error(Token at, String message) {
    diagnostics.add(Diagnostic.error(at.position(), message));
    return new SyntaxError();
  }

  List<Statement.Comment> comments() {
    List<Statement.Comment> out = new ArrayList<>();
    while (checkRaw(TokenKind.COMMENT)) {
      Token c = tokens.get(current++);
      out.add(new Statement.Comment(c.value(), c.position()));
    }
    return out;
  }

  List<Statement.Comment> drainPending() {
    List<Statement.Comment> out = List.copyOf(pendingComments);
    pendingComments.clear();
    return out;
  }

  void skipComments() {
    while (checkRaw(TokenKind.COMMENT)) {
      Token c = tokens.get(current++);
      pendingComments.add(new Statement.Comment(c.value(), c.position()));
    }
  }

  Token consume(TokenKind kind, String why) {
    if (check(kind)) {
      return advance();
    }
    throw error(
        peek(), "expected " + kind.display() + " " + why + " but found " + peek().describe());
  }

  boolean match(TokenKind kind) {
    if (check(kind)) {
      advance();
      return true;
    }
    return false;
  }

  boolean check(TokenKind kind) {
    return peek().kind() == kind;
  }

  boolean checkRaw(TokenKind kind) {
    return tokens.get(current).kind() == kind;
  }

  Token advance() {
    skipComments();
    Token t = tokens.get(current);
    if (t.kind() != TokenKind.EOF) {
      current++;
    }
    return t;
  }

  Token peek() {
    int i = current;
    while (tokens.get(i).kind() == TokenKind.COMMENT) {
      i++;
    }
    return tokens.get(i);
  }

  Token peekNext() {
    int i = current;
    while (tokens.get(i).kind() == TokenKind.COMMENT) {
      i++;
    }
    if (tokens.get(i).kind() == TokenKind.EOF) {
      return tokens.get(i);
    }
    i++;
    while (tokens.get(i).kind() == TokenKind.COMMENT) {
      i++;
    }
    return tokens.get(i);
  }

  Token previous() {
    int i = current - 1;
    while (i > 0 && tokens.get(i).kind() == TokenKind.COMMENT) {
      i--;
    }
    return tokens.get(i);
  }
}
