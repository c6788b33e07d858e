package dev.warroom.dsl;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Recursive-descent parser for runbooks, one method per grammar rule of docs/runbooks.md (the
 * structure of jlox's {@code Parser}, Nystrom, <i>Crafting Interpreters</i>, ch. 6–8). A syntax
 * error becomes a diagnostic, then the parser {@linkplain #synchronize() synchronizes} at the next
 * statement keyword or closing brace and carries on, so one pass reports every error.
 */
public final class Parser {
  private static final Set<TokenKind> STATEMENT_START =
      EnumSet.of(
          TokenKind.STEP,
          TokenKind.HYPOTHESIS,
          TokenKind.PARALLEL,
          TokenKind.FOR,
          TokenKind.REQUIRE,
          TokenKind.CONCLUDE);

  /** Thrown to unwind to the enclosing statement after a diagnostic has been recorded. */
  private static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxError() {
      super(null, null, false, false);
    }
  }

  private final List<Token> tokens;
  private final List<Diagnostic> diagnostics;
  private final Set<String> brokenSteps = new HashSet<>();
  // Comments met inside a statement; they are re-emitted as statements after it.
  private final List<Statement.Comment> pendingComments = new ArrayList<>();
  private int current;

  private Parser(List<Token> tokens, List<Diagnostic> diagnostics) {
    this.tokens = tokens;
    this.diagnostics = diagnostics;
  }

  /** Parses runbook source text; never throws for bad input. */
  public static ParseResult parse(String source) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Token> tokens = new Lexer(source, diagnostics).scan();
    Parser parser = new Parser(tokens, diagnostics);
    Runbook runbook = parser.runbook();
    return new ParseResult(runbook, diagnostics, parser.brokenSteps);
  }

  // runbook = { comment } "runbook" IDENT STRING "{" header body "}" { comment } EOF
  private Runbook runbook() {
    List<Statement.Comment> leading = new ArrayList<>(comments());
    Position start = peek().position();
    String id = "";
    String title = "";
    try {
      consume(TokenKind.RUNBOOK, "at the start of a runbook");
      id = consume(TokenKind.IDENTIFIER, "as the runbook id after 'runbook'").text();
      title = consume(TokenKind.STRING, "as the runbook title after its id").value();
      consume(TokenKind.LEFT_BRACE, "to open the runbook body");
    } catch (SyntaxError e) {
      while (!check(TokenKind.LEFT_BRACE) && !check(TokenKind.EOF)) {
        advance();
      }
      match(TokenKind.LEFT_BRACE);
    }
    Optional<Expr> when = Optional.empty();
    Budget budget = Budget.NONE;
    while (true) {
      if (checkRaw(TokenKind.COMMENT) && (check(TokenKind.WHEN) || check(TokenKind.BUDGET))) {
        leading.addAll(comments());
      } else if (match(TokenKind.WHEN)) {
        Token keyword = previous();
        try {
          Expr condition = expression();
          if (when.isPresent()) {
            error(keyword, "duplicate 'when' (combine conditions with 'and' / 'or')");
          }
          when = Optional.of(condition);
        } catch (SyntaxError e) {
          synchronizeHeader();
        }
        leading.addAll(drainPending());
      } else if (match(TokenKind.BUDGET)) {
        Token keyword = previous();
        try {
          Budget parsed = budget(keyword.position());
          if (!budget.isEmpty()) {
            error(keyword, "duplicate 'budget' (list all items in one clause)");
          }
          budget = parsed;
        } catch (SyntaxError e) {
          synchronizeHeader();
        }
        leading.addAll(drainPending());
      } else {
        break;
      }
    }
    List<Statement> body = block();
    if (!match(TokenKind.RIGHT_BRACE)) {
      error(peek(), "expected '}' to close runbook '" + id + "' but found " + peek().describe());
    }
    List<Statement.Comment> trailing = comments();
    if (!check(TokenKind.EOF)) {
      error(peek(), "unexpected " + peek().describe() + " after the runbook (one per file)");
    }
    return new Runbook(id, title, when, budget, body, leading, trailing, start);
  }

  // budget = "budget" item { "," item } ; item = ("queries" | "seconds" | "confidence") NUMBER
  private Budget budget(Position at) {
    OptionalInt queries = OptionalInt.empty();
    OptionalDouble seconds = OptionalDouble.empty();
    OptionalDouble confidence = OptionalDouble.empty();
    do {
      Token key = consume(TokenKind.IDENTIFIER, "as a budget item (queries, seconds, confidence)");
      Token number = consume(TokenKind.NUMBER, "after budget item '" + key.text() + "'");
      double value = Double.parseDouble(number.text());
      switch (key.text()) {
        case "queries" -> {
          if (value < 1 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
            error(number, "budget queries must be a whole number >= 1, not " + number.text());
          } else {
            queries = OptionalInt.of((int) value);
          }
        }
        case "seconds" -> {
          if (value <= 0) {
            error(number, "budget seconds must be > 0, not " + number.text());
          } else {
            seconds = OptionalDouble.of(value);
          }
        }
        case "confidence" -> {
          if (value <= 0 || value > 1) {
            error(number, "budget confidence must be in (0, 1], not " + number.text());
          } else {
            confidence = OptionalDouble.of(value);
          }
        }
        default ->
            error(
                key,
                "unknown budget item '" + key.text() + "' (use queries, seconds or confidence)");
      }
    } while (match(TokenKind.COMMA));
    return new Budget(queries, seconds, confidence, at);
  }

  // block = { statement | comment } ; ends before "}" or EOF
  private List<Statement> block() {
    List<Statement> body = new ArrayList<>();
    while (true) {
      body.addAll(comments());
      if (check(TokenKind.RIGHT_BRACE) || check(TokenKind.EOF)) {
        return body;
      }
      try {
        body.add(statement());
      } catch (SyntaxError e) {
        synchronize();
      }
      body.addAll(drainPending());
    }
  }

  private List<Statement> bracedBlock(String what) {
    consume(TokenKind.LEFT_BRACE, "to open the " + what + " body");
    List<Statement> body = block();
    if (!match(TokenKind.RIGHT_BRACE)) {
      error(peek(), "expected '}' to close the " + what + " but found " + peek().describe());
    }
    return body;
  }

  private Statement statement() {
    Token keyword = advance();
    return switch (keyword.kind()) {
      case STEP -> step(keyword);
      case REQUIRE -> new Statement.Require(expression(), keyword.position());
      case CONCLUDE -> new Statement.Conclude(keyword.position());
      case PARALLEL -> new Statement.Parallel(bracedBlock("parallel block"), keyword.position());
      case HYPOTHESIS -> hypothesis(keyword);
      case FOR -> forEach(keyword);
      case WHEN, BUDGET ->
          throw error(keyword, keyword.kind().display() + " belongs at the top of the runbook");
      case IDENTIFIER ->
          throw error(
              keyword,
              check(TokenKind.ASSIGN)
                  ? "expected a statement; did you mean 'step " + keyword.text() + " = ...'?"
                  : "expected a statement (step, hypothesis, require, parallel, for, conclude)"
                      + " but found "
                      + keyword.describe());
      default ->
          throw error(
              keyword,
              "expected a statement (step, hypothesis, require, parallel, for, conclude) but found "
                  + keyword.describe());
    };
  }

  // step = "step" IDENT "=" IDENT "(" [ arg { "," arg } [ "," ] ] ")" ; arg = IDENT ":" expr
  private Statement step(Token keyword) {
    Token name = consume(TokenKind.IDENTIFIER, "as the step name after 'step'");
    try {
      consume(TokenKind.ASSIGN, "after step name '" + name.text() + "'");
      Token actor = consume(TokenKind.IDENTIFIER, "as the actor of step '" + name.text() + "'");
      consume(TokenKind.LEFT_PAREN, "after actor '" + actor.text() + "'");
      List<Argument> arguments = new ArrayList<>();
      while (!check(TokenKind.RIGHT_PAREN)) {
        Token argName =
            consume(TokenKind.IDENTIFIER, "as an argument name (actors take name: value)");
        consume(TokenKind.COLON, "after argument name '" + argName.text() + "'");
        arguments.add(new Argument(argName.text(), expression(), argName.position()));
        if (!match(TokenKind.COMMA)) {
          break;
        }
      }
      consume(TokenKind.RIGHT_PAREN, "to close the arguments of '" + actor.text() + "'");
      return new Statement.Step(name.text(), actor.text(), arguments, keyword.position());
    } catch (SyntaxError e) {
      brokenSteps.add(name.text());
      throw e;
    }
  }

  // hypothesis = "hypothesis" STRING [ "prior" NUMBER ] "{" block "}"
  private Statement hypothesis(Token keyword) {
    Token title = consume(TokenKind.STRING, "as the hypothesis statement");
    OptionalDouble prior = OptionalDouble.empty();
    if (match(TokenKind.PRIOR)) {
      Token number = consume(TokenKind.NUMBER, "after 'prior'");
      double p = Double.parseDouble(number.text());
      if (p < 0 || p > 1) {
        error(number, "prior must be a probability in [0, 1], not " + number.text());
      } else {
        prior = OptionalDouble.of(p);
      }
    }
    List<Statement> body = bracedBlock("hypothesis \"" + title.value() + "\"");
    return new Statement.Hypothesis(title.value(), prior, body, keyword.position());
  }

  // for = "for" IDENT "in" expr "{" block "}"
  private Statement forEach(Token keyword) {
    Token variable = consume(TokenKind.IDENTIFIER, "as the loop variable after 'for'");
    consume(TokenKind.IN, "after loop variable '" + variable.text() + "'");
    Expr iterable = expression();
    List<Statement> body = bracedBlock("for loop");
    return new Statement.ForEach(variable.text(), iterable, body, keyword.position());
  }

  // expr = and { "or" and } ; and = not { "and" not } ; not = "not" not | comparison
  private Expr expression() {
    Expr left = and();
    while (match(TokenKind.OR)) {
      Token op = previous();
      left = new Expr.Binary(left, Expr.Operator.OR, and(), op.position());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (match(TokenKind.AND)) {
      Token op = previous();
      left = new Expr.Binary(left, Expr.Operator.AND, not(), op.position());
    }
    return left;
  }

  private Expr not() {
    if (match(TokenKind.NOT)) {
      Token op = previous();
      return new Expr.Not(not(), op.position());
    }
    return comparison();
  }

  // comparison = postfix [ ("==" | "!=" | "<" | "<=" | ">" | ">=" | "in") postfix ]
  private Expr comparison() {
    Expr left = postfix();
    Optional<Expr.Operator> op = comparisonOperator(peek().kind());
    if (op.isEmpty()) {
      return left;
    }
    Token opToken = advance();
    Expr result = new Expr.Binary(left, op.get(), postfix(), opToken.position());
    if (comparisonOperator(peek().kind()).isPresent()) {
      throw error(peek(), "comparisons do not chain; use 'and' or parentheses");
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
    while (match(TokenKind.DOT)) {
      Token field = consume(TokenKind.IDENTIFIER, "as a field name after '.'");
      expr = new Expr.Field(expr, field.text(), field.position());
    }
    return expr;
  }

  // primary = NUMBER | DURATION | STRING | "true" | "false" | IDENT [ "(" exprs ")" ]
  //         | "[" exprs "]" | "(" expr ")"
  private Expr primary() {
    Token t = advance();
    return switch (t.kind()) {
      case NUMBER -> new Expr.Num(Double.parseDouble(t.text()), t.position());
      case DURATION -> duration(t);
      case STRING -> new Expr.Str(t.value(), t.position());
      case TRUE -> new Expr.Bool(true, t.position());
      case FALSE -> new Expr.Bool(false, t.position());
      case IDENTIFIER -> {
        if (match(TokenKind.LEFT_PAREN)) {
          yield new Expr.Call(t.text(), expressions(TokenKind.RIGHT_PAREN, t.text()), t.position());
        }
        yield new Expr.Name(t.text(), t.position());
      }
      case LEFT_BRACKET ->
          new Expr.ListLit(expressions(TokenKind.RIGHT_BRACKET, "list"), t.position());
      case LEFT_PAREN -> {
        Expr inner = expression();
        consume(TokenKind.RIGHT_PAREN, "to close '('");
        yield inner;
      }
      default -> throw error(t, "expected an expression but found " + t.describe());
    };
  }

  private Expr duration(Token t) {
    try {
      return new Expr.DurationLit(DurationUnits.parse(t.text()), t.position());
    } catch (ArithmeticException | NumberFormatException e) {
      throw error(t, "duration out of range: " + t.text());
    }
  }

  // exprs = [ expr { "," expr } [ "," ] ] closed by ")" or "]"
  private List<Expr> expressions(TokenKind close, String owner) {
    List<Expr> out = new ArrayList<>();
    while (!check(close)) {
      if (close == TokenKind.RIGHT_PAREN
          && check(TokenKind.IDENTIFIER)
          && peekNext().kind() == TokenKind.COLON) {
        throw error(
            peek(),
            "function arguments are positional, as in "
                + owner
                + "(x); actors take name: value and are called in steps (step s = actor(...))");
      }
      out.add(expression());
      if (!match(TokenKind.COMMA)) {
        break;
      }
    }
    consume(close, "to close " + (close == TokenKind.RIGHT_PAREN ? "'" + owner + "('" : "'['"));
    return out;
  }

  // --- error recovery

  /**
   * Skips to the next statement keyword, closing brace or end of file (jlox synchronize). A block
   * met on the way is parsed and dropped, so its own syntax errors are reported and its closing
   * brace is not mistaken for the end of the enclosing block.
   */
  private void synchronize() {
    while (!check(TokenKind.EOF)
        && !check(TokenKind.RIGHT_BRACE)
        && !STATEMENT_START.contains(peek().kind())) {
      if (match(TokenKind.LEFT_BRACE)) {
        Ast.steps(block()).forEach(step -> brokenSteps.add(step.name()));
        pendingComments.clear();
        match(TokenKind.RIGHT_BRACE);
      } else {
        advance();
      }
    }
  }

  private void synchronizeHeader() {
    while (!check(TokenKind.EOF)
        && !check(TokenKind.RIGHT_BRACE)
        && !check(TokenKind.WHEN)
        && !check(TokenKind.BUDGET)
        && !STATEMENT_START.contains(peek().kind())) {
      advance();
    }
  }

  private SyntaxError error(Token at, String message) {
    diagnostics.add(Diagnostic.error(at.position(), message));
    return new SyntaxError();
  }

  // --- token access: comments are skipped inside statements and kept for re-emission

  private List<Statement.Comment> comments() {
    List<Statement.Comment> out = new ArrayList<>();
    while (checkRaw(TokenKind.COMMENT)) {
      Token c = tokens.get(current++);
      out.add(new Statement.Comment(c.value(), c.position()));
    }
    return out;
  }

  private List<Statement.Comment> drainPending() {
    List<Statement.Comment> out = List.copyOf(pendingComments);
    pendingComments.clear();
    return out;
  }

  private void skipComments() {
    while (checkRaw(TokenKind.COMMENT)) {
      Token c = tokens.get(current++);
      pendingComments.add(new Statement.Comment(c.value(), c.position()));
    }
  }

  private Token consume(TokenKind kind, String why) {
    if (check(kind)) {
      return advance();
    }
    throw error(
        peek(), "expected " + kind.display() + " " + why + " but found " + peek().describe());
  }

  private boolean match(TokenKind kind) {
    if (check(kind)) {
      advance();
      return true;
    }
    return false;
  }

  private boolean check(TokenKind kind) {
    return peek().kind() == kind;
  }

  private boolean checkRaw(TokenKind kind) {
    return tokens.get(current).kind() == kind;
  }

  private Token advance() {
    skipComments();
    Token t = tokens.get(current);
    if (t.kind() != TokenKind.EOF) {
      current++;
    }
    return t;
  }

  private Token peek() {
    int i = current;
    while (tokens.get(i).kind() == TokenKind.COMMENT) {
      i++;
    }
    return tokens.get(i);
  }

  private Token peekNext() {
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

  private Token previous() {
    int i = current - 1;
    while (i > 0 && tokens.get(i).kind() == TokenKind.COMMENT) {
      i--;
    }
    return tokens.get(i);
  }
}
