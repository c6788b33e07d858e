package dev.warroom.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The expression rules of the runbook grammar (docs/runbooks.md), by precedence climbing from
 * {@code or} down to primaries, as in jlox's {@code Parser}.
 */
final class ExpressionParser {
  private final TokenCursor in;

  ExpressionParser(TokenCursor in) {
    this.in = in;
  }

  // expr = and { "or" and } ; and = not { "and" not } ; not = "not" not | comparison
  Expr expression() {
    Expr left = and();
    while (in.match(TokenKind.OR)) {
      Token op = in.previous();
      left = new Expr.Binary(left, Expr.Operator.OR, and(), op.position());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (in.match(TokenKind.AND)) {
      Token op = in.previous();
      left = new Expr.Binary(left, Expr.Operator.AND, not(), op.position());
    }
    return left;
  }

  private Expr not() {
    if (in.match(TokenKind.NOT)) {
      Token op = in.previous();
      return new Expr.Not(not(), op.position());
    }
    return comparison();
  }

  // comparison = postfix [ ("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") postfix ]
  private Expr comparison() {
    Expr left = postfix();
    Optional<Expr.Operator> op = comparisonOperator(in.peek().kind());
    if (op.isEmpty()) {
      return left;
    }
    Token opToken = in.advance();
    Expr result = new Expr.Binary(left, op.get(), postfix(), opToken.position());
    if (comparisonOperator(in.peek().kind()).isPresent()) {
      throw in.error(in.peek(), "comparisons do not chain; use 'and' or parentheses");
    }
    return result;
  }

  private static Optional<Expr.Operator> comparisonOperator(TokenKind kind) {
    return Optional.ofNullable(
        switch (kind) {
          case EQUAL -> Expr.Operator.EQUAL;
          case NOT_EQUAL -> Expr.Operator.NOT_EQUAL;
          case LESS -> Expr.Operator.LESS;
          case LESS_EQUAL -> Expr.Operator.LESS_EQUAL;
          case GREATER -> Expr.Operator.GREATER;
          case GREATER_EQUAL -> Expr.Operator.GREATER_EQUAL;
          case IN -> Expr.Operator.IN;
          default -> null;
        });
  }

  // postfix = primary { "." IDENT }
  private Expr postfix() {
    Expr expr = primary();
    while (in.match(TokenKind.DOT)) {
      Token field = in.consume(TokenKind.IDENTIFIER, "as a field name after '.'");
      expr = new Expr.Field(expr, field.text(), field.position());
    }
    return expr;
  }

  // primary = NUMBER | DURATION | STRING | "true" | "false" | IDENT [ "(" exprs ")" ]
  //         | "[" exprs "]" | "(" expr ")"
  private Expr primary() {
    Token t = in.advance();
    return switch (t.kind()) {
      case NUMBER -> new Expr.Num(Double.parseDouble(t.text()), t.position());
      case DURATION -> duration(t);
      case STRING -> new Expr.Str(t.value(), t.position());
      case TRUE -> new Expr.Bool(true, t.position());
      case FALSE -> new Expr.Bool(false, t.position());
      case IDENTIFIER -> {
        if (in.match(TokenKind.LEFT_PAREN)) {
          yield new Expr.Call(t.text(), expressions(TokenKind.RIGHT_PAREN, t.text()), t.position());
        }
        yield new Expr.Name(t.text(), t.position());
      }
      case LEFT_BRACKET ->
          new Expr.ListLit(expressions(TokenKind.RIGHT_BRACKET, "list"), t.position());
      case LEFT_PAREN -> {
        Expr inner = expression();
        in.consume(TokenKind.RIGHT_PAREN, "to close '('");
        yield inner;
      }
      default -> throw in.error(t, "expected an expression but found " + t.describe());
    };
  }

  private Expr duration(Token t) {
    try {
      return new Expr.DurationLit(DurationUnits.parse(t.text()), t.position());
    } catch (ArithmeticException | NumberFormatException e) {
      throw in.error(t, "duration out of range: " + t.text());
    }
  }

  // exprs = [ expr { "," expr } [ "," ] ] closed by ")" or "]"
  private List<Expr> expressions(TokenKind close, String owner) {
    List<Expr> out = new ArrayList<>();
    while (!in.check(close)) {
      if (close == TokenKind.RIGHT_PAREN
          && in.check(TokenKind.IDENTIFIER)
          && in.peekNext().kind() == TokenKind.COLON) {
        throw in.error(
            in.peek(),
            "function arguments are positional, as in "
                + owner
                + "(x); actors take name: value and are called in steps (step s = actor(...))");
      }
      out.add(expression());
      if (!in.match(TokenKind.COMMA)) {
        break;
      }
    }
    in.consume(close, "to close " + (close == TokenKind.RIGHT_PAREN ? "'" + owner + "('" : "'['"));
    return out;
  }
}
