package dev.warroom.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
  private static Runbook parseOk(String text) {
    ParseResult r = Runbooks.parse(text);
    assertThat(r.diagnostics()).isEmpty();
    return r.runbook();
  }

  private static Expr condition(String expr) {
    Runbook r = parseOk("runbook t \"t\" { require " + expr + " }");
    return ((Statement.Require) r.body().get(0)).condition();
  }

  @Test
  void andBindsTighterThanOrAndNotLooserThanComparison() {
    Expr e =
        Ast.withoutPositions(parseOk("runbook t \"t\" { when not a == b or c and d }"))
            .when()
            .orElseThrow();

    Position n = Position.NONE;
    Expr expected =
        new Expr.Binary(
            new Expr.Not(
                new Expr.Binary(
                    new Expr.Name("a", n), Expr.Operator.EQUAL, new Expr.Name("b", n), n),
                n),
            Expr.Operator.OR,
            new Expr.Binary(new Expr.Name("c", n), Expr.Operator.AND, new Expr.Name("d", n), n),
            n);
    assertThat(e).isEqualTo(expected);
  }

  @Test
  void readsHeaderBudgetPriorsAndDurations() {
    Runbook r =
        parseOk(
            """
            runbook lat "Latency" {
              budget queries 12, seconds 2.5, confidence 0.8
              hypothesis "h" prior 0.25 { step x = a(lookback: 90s, n: 3) }
            }
            """);

    assertThat(r.id()).isEqualTo("lat");
    assertThat(r.title()).isEqualTo("Latency");
    assertThat(r.budget().queries()).hasValue(12);
    assertThat(r.budget().seconds()).hasValue(2.5);
    assertThat(r.budget().confidence()).hasValue(0.8);
    Statement.Hypothesis h = r.hypotheses().get(0);
    assertThat(h.prior()).hasValue(0.25);
    Statement.Step step = r.steps().get(0);
    assertThat(step.arguments().get(0).value())
        .isEqualTo(new Expr.DurationLit(Duration.ofSeconds(90), new Position(3, 52)));
    assertThat(step.position()).isEqualTo(new Position(3, 31));
  }

  @Test
  void fieldAccessChainsAndPointsAtTheFieldName() {
    Expr e = condition("a.b.c");

    assertThat(e).isInstanceOf(Expr.Field.class);
    Expr.Field outer = (Expr.Field) e;
    assertThat(outer.field()).isEqualTo("c");
    assertThat(outer.position().column()).isEqualTo(29);
    assertThat(((Expr.Field) outer.target()).field()).isEqualTo("b");
  }

  @Test
  void decodesStringEscapes() {
    Expr e = condition("\"a\\\"b\\\\c\\n\"");

    assertThat(e).isEqualTo(new Expr.Str("a\"b\\c\n", e.position()));
  }

  @Test
  void reportsErrorsInSeveralStatementsInOnePass() {
    ParseResult r =
        Runbooks.parse(
            """
            runbook t "t" {
              step a = x(p 1)
              step b = y(q: 2)
              require (b.ok
              step c = z(r: 3)
            }
            """);

    assertThat(r.diagnostics()).extracting(Diagnostic::line).containsExactly(2, 5);
    assertThat(r.runbook().steps()).extracting(Statement.Step::name).containsExactly("b", "c");
    assertThat(r.brokenSteps()).containsExactly("a");
  }

  @Test
  void keepsCommentsAsStatementsInOrder() {
    Runbook r = parseOk("# top\nrunbook t \"t\" {\n  # one\n  conclude # two\n}\n# end\n");

    assertThat(r.leadingComments()).extracting(Statement.Comment::text).containsExactly("top");
    assertThat(r.body())
        .extracting(s -> s.getClass().getSimpleName())
        .containsExactly("Comment", "Conclude", "Comment");
    assertThat(r.trailingComments()).extracting(Statement.Comment::text).containsExactly("end");
  }

  @Test
  void rejectsTextAfterTheRunbook() {
    ParseResult r = Runbooks.parse("runbook a \"a\" { }\nrunbook b \"b\" { }");

    assertThat(r.ok()).isFalse();
    assertThat(r.diagnostics().get(0).message()).contains("after the runbook");
    assertThat(r.diagnostics().get(0).line()).isEqualTo(2);
  }

  @Test
  void unknownCharactersAreDiagnosedWithTheirPosition() {
    ParseResult r = Runbooks.parse("runbook a \"a\" {\n  require x & y\n}");

    assertThat(r.diagnostics())
        .extracting(Diagnostic::render)
        .contains("2:13: error: unexpected character '&'");
  }

  @Test
  void emptyListsAndTrailingCommasParse() {
    Runbook r = parseOk("runbook t \"t\" { step s = a(x: [], y: [1, 2,],) }");

    List<Argument> args = r.steps().get(0).arguments();
    assertThat(args).extracting(Argument::name).containsExactly("x", "y");
    assertThat(((Expr.ListLit) args.get(1).value()).elements()).hasSize(2);
  }

  @Test
  void ignoresAByteOrderMarkAndCarriageReturns() {
    ParseResult r = Runbooks.parse("\uFEFFrunbook t \"t\" {\r\n  conclude # done\r\n}\r\n");

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.runbook().body().get(0).position()).isEqualTo(new Position(2, 3));
    assertThat(((Statement.Comment) r.runbook().body().get(1)).text()).isEqualTo("done");
  }
}
