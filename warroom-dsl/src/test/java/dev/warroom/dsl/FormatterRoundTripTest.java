package dev.warroom.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * Property test: for random ASTs (seeded), {@code parse(format(ast))} equals {@code ast} and
 * formatting is idempotent. Catches missing parentheses, escaping and number-printing bugs that
 * hand-picked examples miss.
 */
class FormatterRoundTripTest {
  private static final Position N = Position.NONE;
  private static final List<String> WORDS =
      List.of("impact", "errs", "alert", "cpu_steal", "x1", "_y", "service_name");

  @Test
  void randomRunbooksSurviveFormatThenParse() {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(20261127L);
    for (int i = 0; i < 300; i++) {
      Runbook ast = runbook(random);
      String text = Formatter.format(ast);
      ParseResult parsed = Runbooks.parse(text);

      assertThat(parsed.diagnostics()).as(text).isEmpty();
      assertThat(Ast.withoutPositions(parsed.runbook())).as(text).isEqualTo(ast);
      assertThat(Formatter.format(parsed.runbook())).isEqualTo(text);
    }
  }

  @Test
  void printsOnlyTheParenthesesPrecedenceNeeds() {
    Expr a = new Expr.Name("a", N);
    Expr b = new Expr.Name("b", N);
    Expr c = new Expr.Name("c", N);

    assertThat(Formatter.expr(or(and(a, b), c))).isEqualTo("a and b or c");
    assertThat(Formatter.expr(and(or(a, b), c))).isEqualTo("(a or b) and c");
    assertThat(Formatter.expr(or(a, or(b, c)))).isEqualTo("a or (b or c)");
    assertThat(Formatter.expr(new Expr.Not(and(a, b), N))).isEqualTo("not (a and b)");
  }

  @Test
  void keepsTheAuthorsBlankLinesButNeverTwoInARow() {
    String source =
        "runbook t \"t\" {\n  conclude\n\n\n\n  # why\n  conclude\n  parallel {\n  }\n}\n";

    assertThat(Runbooks.format(source))
        .isEqualTo("runbook t \"t\" {\n  conclude\n\n  # why\n  conclude\n  parallel {\n  }\n}\n");
    // Without source text, blank lines go around blocks.
    assertThat(Formatter.format(Runbooks.parse(source).runbook()))
        .isEqualTo("runbook t \"t\" {\n  conclude\n  # why\n  conclude\n\n  parallel {\n  }\n}\n");
  }

  private static Expr or(Expr l, Expr r) {
    return new Expr.Binary(l, Expr.Operator.OR, r, N);
  }

  private static Expr and(Expr l, Expr r) {
    return new Expr.Binary(l, Expr.Operator.AND, r, N);
  }

  private static Runbook runbook(RandomGenerator r) {
    Budget budget =
        new Budget(
            r.nextBoolean() ? OptionalInt.of(1 + r.nextInt(500)) : OptionalInt.empty(),
            r.nextBoolean()
                ? OptionalDouble.of(r.nextInt(1, 4000) / 100.0)
                : OptionalDouble.empty(),
            r.nextBoolean() ? OptionalDouble.of(r.nextInt(1, 101) / 100.0) : OptionalDouble.empty(),
            N);
    Optional<Expr> when = r.nextBoolean() ? Optional.of(expr(r, 3)) : Optional.empty();
    List<Statement.Comment> leading =
        r.nextInt(4) == 0 ? List.of(new Statement.Comment("lead # " + r.nextInt(9), N)) : List.of();
    return new Runbook(word(r), text(r), when, budget, statements(r, 3), leading, List.of(), N);
  }

  private static List<Statement> statements(RandomGenerator r, int depth) {
    List<Statement> out = new ArrayList<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      out.add(statement(r, depth));
    }
    return out;
  }

  private static Statement statement(RandomGenerator r, int depth) {
    int pick = r.nextInt(depth > 0 ? 7 : 4);
    return switch (pick) {
      case 0 -> {
        List<Argument> args = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
          args.add(new Argument("p" + i, expr(r, 2), N));
        }
        yield new Statement.Step(word(r), word(r), args, N);
      }
      case 1 -> new Statement.Require(expr(r, 3), N);
      case 2 -> new Statement.Conclude(N);
      case 3 -> new Statement.Comment(r.nextBoolean() ? "" : "note " + word(r) + " \"#\"", N);
      case 4 ->
          new Statement.Hypothesis(
              text(r),
              r.nextBoolean() ? OptionalDouble.of(r.nextInt(101) / 100.0) : OptionalDouble.empty(),
              statements(r, depth - 1),
              N);
      case 5 -> new Statement.Parallel(statements(r, depth - 1), N);
      default -> new Statement.ForEach(word(r), expr(r, 2), statements(r, depth - 1), N);
    };
  }

  private static Expr expr(RandomGenerator r, int depth) {
    int pick = r.nextInt(depth > 0 ? 10 : 6);
    return switch (pick) {
      case 0 -> new Expr.Str(text(r), N);
      case 1 -> new Expr.Num(r.nextInt(3) == 0 ? r.nextInt(1000) : r.nextInt(100000) / 1000.0, N);
      case 2 -> new Expr.Bool(r.nextBoolean(), N);
      case 3 -> new Expr.DurationLit(Duration.ofSeconds(r.nextInt(100000)), N);
      case 4 -> new Expr.Name(word(r), N);
      case 5 -> new Expr.Field(new Expr.Name(word(r), N), word(r), N);
      case 6 -> {
        List<Expr> items = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          items.add(expr(r, depth - 1));
        }
        yield r.nextBoolean() ? new Expr.ListLit(items, N) : new Expr.Call(word(r), items, N);
      }
      case 7 -> new Expr.Not(expr(r, depth - 1), N);
      case 8 -> new Expr.Field(expr(r, depth - 1), word(r), N);
      default -> {
        Expr.Operator[] ops = Expr.Operator.values();
        yield new Expr.Binary(
            expr(r, depth - 1), ops[r.nextInt(ops.length)], expr(r, depth - 1), N);
      }
    };
  }

  private static String word(RandomGenerator r) {
    return WORDS.get(r.nextInt(WORDS.size()));
  }

  private static String text(RandomGenerator r) {
    String[] parts = {"a", "b c", "quote\"", "back\\slash", "tab\t", "new\nline", "ünï"};
    return parts[r.nextInt(parts.length)] + r.nextInt(10);
  }
}
