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

  private final TokenCursor in;
  private final ExpressionParser expressions;
  private final Set<String> brokenSteps = new HashSet<>();
  private Position missingBraceHint;

  private Parser(List<Token> tokens, List<Diagnostic> diagnostics) {
    this.in = new TokenCursor(tokens, diagnostics);
    this.expressions = new ExpressionParser(in);
  }

  /** Parses runbook source text; never throws for bad input. */
  public static ParseResult parse(String source) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Token> tokens = new Lexer(source, diagnostics).scan();
    Diagnostic deep = tooDeep(tokens);
    if (deep != null) {
      // Refused before the recursive descent, which (like the checker and the formatter) would
      // otherwise exhaust the stack on a runbook nested thousands deep.
      diagnostics.add(deep);
      Runbook empty =
          new Runbook(
              "",
              "",
              Optional.empty(),
              Budget.NONE,
              List.of(),
              List.of(),
              List.of(),
              tokens.getFirst().position());
      return new ParseResult(empty, diagnostics, Set.of());
    }
    Parser parser = new Parser(tokens, diagnostics);
    Runbook runbook = parser.runbook();
    return new ParseResult(runbook, diagnostics, parser.brokenSteps);
  }

  /** Deepest nesting of blocks, brackets and 'not' a runbook may have. */
  static final int MAX_NESTING = 100;

  /** A diagnostic at the first token nested deeper than {@link #MAX_NESTING}, or null. */
  private static Diagnostic tooDeep(List<Token> tokens) {
    int depth = 0;
    int nots = 0;
    for (Token t : tokens) {
      switch (t.kind()) {
        case LEFT_BRACE, LEFT_PAREN, LEFT_BRACKET -> depth++;
        case RIGHT_BRACE, RIGHT_PAREN, RIGHT_BRACKET -> depth = Math.max(0, depth - 1);
        default -> {}
      }
      nots = t.kind() == TokenKind.NOT ? nots + 1 : 0;
      if (depth > MAX_NESTING || nots > MAX_NESTING) {
        return Diagnostic.error(
            t.position(),
            "nested deeper than " + MAX_NESTING + " levels; split the runbook into smaller parts");
      }
    }
    return null;
  }

  // runbook = { comment } "runbook" IDENT STRING "{" header body "}" { comment } EOF
  private Runbook runbook() {
    List<Statement.Comment> leading = new ArrayList<>(in.comments());
    Position start = in.peek().position();
    String id = "";
    String title = "";
    try {
      in.consume(TokenKind.RUNBOOK, "at the start of a runbook");
      id = in.consume(TokenKind.IDENTIFIER, "as the runbook id after 'runbook'").text();
      title = in.consume(TokenKind.STRING, "as the runbook title after its id").value();
      in.consume(TokenKind.LEFT_BRACE, "to open the runbook body");
    } catch (SyntaxError e) {
      while (!in.check(TokenKind.LEFT_BRACE) && !in.check(TokenKind.EOF)) {
        in.advance();
      }
      in.match(TokenKind.LEFT_BRACE);
    }
    Optional<Expr> when = Optional.empty();
    Budget budget = Budget.NONE;
    while (true) {
      if (in.checkRaw(TokenKind.COMMENT)
          && (in.check(TokenKind.WHEN) || in.check(TokenKind.BUDGET))) {
        leading.addAll(in.comments());
      } else if (in.match(TokenKind.WHEN)) {
        Token keyword = in.previous();
        try {
          Expr condition = expressions.expression();
          if (when.isPresent()) {
            in.error(keyword, "duplicate 'when' (combine conditions with 'and' / 'or')");
          }
          when = Optional.of(condition);
        } catch (SyntaxError e) {
          synchronizeHeader();
        }
        leading.addAll(in.drainPending());
      } else if (in.match(TokenKind.BUDGET)) {
        Token keyword = in.previous();
        try {
          Budget parsed = budget(keyword.position());
          if (!budget.isEmpty()) {
            in.error(keyword, "duplicate 'budget' (list all items in one clause)");
          }
          budget = parsed;
        } catch (SyntaxError e) {
          synchronizeHeader();
        }
        leading.addAll(in.drainPending());
      } else {
        break;
      }
    }
    List<Statement> body = block();
    if (!in.match(TokenKind.RIGHT_BRACE)) {
      in.error(
          in.peek(),
          "expected '}' to close runbook '"
              + id
              + "' but found "
              + in.peek().describe()
              + (missingBraceHint == null
                  ? ""
                  : "; is a '}' missing before "
                      + missingBraceHint
                      + "? That statement is indented like the block that encloses it"));
    }
    List<Statement.Comment> trailing = in.comments();
    if (!in.check(TokenKind.EOF)) {
      in.error(
          in.peek(), "unexpected " + in.peek().describe() + " after the runbook (one per file)");
    }
    return new Runbook(id, title, when, budget, body, leading, trailing, start);
  }

  // budget = "budget" item { "," item } ; item = ("queries" | "seconds" | "confidence") NUMBER
  private Budget budget(Position at) {
    OptionalInt queries = OptionalInt.empty();
    OptionalDouble seconds = OptionalDouble.empty();
    OptionalDouble confidence = OptionalDouble.empty();
    do {
      Token key =
          in.consume(TokenKind.IDENTIFIER, "as a budget item (queries, seconds, confidence)");
      Token number = in.consume(TokenKind.NUMBER, "after budget item '" + key.text() + "'");
      double value = Double.parseDouble(number.text());
      switch (key.text()) {
        case "queries" -> {
          if (value < 1 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
            in.error(number, "budget queries must be a whole number >= 1, not " + number.text());
          } else {
            queries = OptionalInt.of((int) value);
          }
        }
        case "seconds" -> {
          if (value <= 0) {
            in.error(number, "budget seconds must be > 0, not " + number.text());
          } else {
            seconds = OptionalDouble.of(value);
          }
        }
        case "confidence" -> {
          if (value <= 0 || value > 1) {
            in.error(number, "budget confidence must be in (0, 1], not " + number.text());
          } else {
            confidence = OptionalDouble.of(value);
          }
        }
        default ->
            in.error(
                key,
                "unknown budget item '" + key.text() + "' (use queries, seconds or confidence)");
      }
    } while (in.match(TokenKind.COMMA));
    return new Budget(queries, seconds, confidence, at);
  }

  // block = { statement | comment } ; ends before "}" or EOF
  private List<Statement> block() {
    return block(null);
  }

  /**
   * Statements up to the closing brace. {@code opener} is the keyword of the enclosing block
   * statement, if any: a statement on a later line indented no deeper than it is remembered as the
   * likely place of a missing '}', for the hint on an unclosed runbook.
   */
  private List<Statement> block(Token opener) {
    List<Statement> body = new ArrayList<>();
    while (true) {
      body.addAll(in.comments());
      if (in.check(TokenKind.RIGHT_BRACE) || in.check(TokenKind.EOF)) {
        return body;
      }
      Position next = in.peek().position();
      if (opener != null
          && missingBraceHint == null
          && next.line() > opener.position().line()
          && next.column() <= opener.position().column()) {
        missingBraceHint = next;
      }
      try {
        body.add(statement());
      } catch (SyntaxError e) {
        synchronize();
      }
      body.addAll(in.drainPending());
    }
  }

  private List<Statement> bracedBlock(Token keyword, String what) {
    Token open = in.consume(TokenKind.LEFT_BRACE, "to open the " + what + " body");
    List<Statement> body = block(keyword);
    if (!in.match(TokenKind.RIGHT_BRACE)) {
      in.error(
          in.peek(),
          "expected '}' to close the "
              + what
              + " opened at "
              + open.position()
              + " but found "
              + in.peek().describe());
    }
    return body;
  }

  private Statement statement() {
    Token keyword = in.advance();
    return switch (keyword.kind()) {
      case STEP -> step(keyword);
      case REQUIRE -> new Statement.Require(expressions.expression(), keyword.position());
      case CONCLUDE -> new Statement.Conclude(keyword.position());
      case PARALLEL ->
          new Statement.Parallel(bracedBlock(keyword, "parallel block"), keyword.position());
      case HYPOTHESIS -> hypothesis(keyword);
      case FOR -> forEach(keyword);
      case WHEN, BUDGET ->
          throw in.error(keyword, keyword.kind().display() + " belongs at the top of the runbook");
      case IDENTIFIER ->
          throw in.error(
              keyword,
              in.check(TokenKind.ASSIGN)
                  ? "expected a statement; did you mean 'step " + keyword.text() + " = ...'?"
                  : "expected a statement (step, hypothesis, require, parallel, for, conclude)"
                      + " but found "
                      + keyword.describe());
      default ->
          throw in.error(
              keyword,
              "expected a statement (step, hypothesis, require, parallel, for, conclude) but found "
                  + keyword.describe());
    };
  }

  // step = "step" IDENT "=" IDENT "(" [ arg { "," arg } [ "," ] ] ")" ; arg = IDENT ":" expr
  private Statement step(Token keyword) {
    Token name = in.consume(TokenKind.IDENTIFIER, "as the step name after 'step'");
    try {
      in.consume(TokenKind.ASSIGN, "after step name '" + name.text() + "'");
      Token actor = in.consume(TokenKind.IDENTIFIER, "as the actor of step '" + name.text() + "'");
      in.consume(TokenKind.LEFT_PAREN, "after actor '" + actor.text() + "'");
      List<Argument> arguments = new ArrayList<>();
      while (!in.check(TokenKind.RIGHT_PAREN)) {
        Token argName =
            in.consume(TokenKind.IDENTIFIER, "as an argument name (actors take name: value)");
        in.consume(TokenKind.COLON, "after argument name '" + argName.text() + "'");
        arguments.add(new Argument(argName.text(), expressions.expression(), argName.position()));
        if (!in.match(TokenKind.COMMA)) {
          break;
        }
      }
      in.consume(TokenKind.RIGHT_PAREN, "to close the arguments of '" + actor.text() + "'");
      return new Statement.Step(name.text(), actor.text(), arguments, keyword.position());
    } catch (SyntaxError e) {
      brokenSteps.add(name.text());
      throw e;
    }
  }

  // hypothesis = "hypothesis" STRING [ "prior" NUMBER ] "{" block "}"
  private Statement hypothesis(Token keyword) {
    Token title = in.consume(TokenKind.STRING, "as the hypothesis statement");
    OptionalDouble prior = OptionalDouble.empty();
    if (in.match(TokenKind.PRIOR)) {
      Token number = in.consume(TokenKind.NUMBER, "after 'prior'");
      double p = Double.parseDouble(number.text());
      if (p < 0 || p > 1) {
        in.error(number, "prior must be a probability in [0, 1], not " + number.text());
      } else {
        prior = OptionalDouble.of(p);
      }
    }
    List<Statement> body = bracedBlock(keyword, "hypothesis \"" + title.value() + "\"");
    return new Statement.Hypothesis(title.value(), prior, body, keyword.position());
  }

  // for = "for" IDENT "in" expr "{" block "}"
  private Statement forEach(Token keyword) {
    Token variable = in.consume(TokenKind.IDENTIFIER, "as the loop variable after 'for'");
    in.consume(TokenKind.IN, "after loop variable '" + variable.text() + "'");
    Expr iterable = expressions.expression();
    List<Statement> body = bracedBlock(keyword, "for loop");
    return new Statement.ForEach(variable.text(), iterable, body, keyword.position());
  }

  // --- error recovery

  /**
   * Skips to the next statement keyword, closing brace or end of file (jlox synchronize). A block
   * met on the way is parsed and dropped, so its own syntax errors are reported and its closing
   * brace is not mistaken for the end of the enclosing block.
   */
  private void synchronize() {
    while (!in.check(TokenKind.EOF)
        && !in.check(TokenKind.RIGHT_BRACE)
        && !STATEMENT_START.contains(in.peek().kind())) {
      if (in.match(TokenKind.LEFT_BRACE)) {
        Ast.steps(block()).forEach(step -> brokenSteps.add(step.name()));
        in.drainPending();
        in.match(TokenKind.RIGHT_BRACE);
      } else {
        in.advance();
      }
    }
  }

  private void synchronizeHeader() {
    while (!in.check(TokenKind.EOF)
        && !in.check(TokenKind.RIGHT_BRACE)
        && !in.check(TokenKind.WHEN)
        && !in.check(TokenKind.BUDGET)
        && !STATEMENT_START.contains(in.peek().kind())) {
      in.advance();
    }
  }
}
