package dev.warroom.dsl;

import java.util.ArrayList;
import java.util.List;

/** Walks over the runbook AST: collecting steps, and stripping positions for comparison. */
public final class Ast {
  private Ast() {}

  /** Every step in {@code body}, depth first in source order. */
  public static List<Statement.Step> steps(List<Statement> body) {
    List<Statement.Step> out = new ArrayList<>();
    collectSteps(body, out);
    return List.copyOf(out);
  }

  private static void collectSteps(List<Statement> body, List<Statement.Step> out) {
    for (Statement s : body) {
      switch (s) {
        case Statement.Step step -> out.add(step);
        case Statement.Hypothesis h -> collectSteps(h.body(), out);
        case Statement.Parallel p -> collectSteps(p.body(), out);
        case Statement.ForEach f -> collectSteps(f.body(), out);
        case Statement.Require r -> {}
        case Statement.Conclude c -> {}
        case Statement.Comment c -> {}
      }
    }
  }

  /**
   * The same runbook with every position set to {@link Position#NONE}, so that two parses of
   * differently laid-out text compare equal with {@code equals} exactly when their structure is the
   * same (the formatter's round-trip property).
   */
  public static Runbook withoutPositions(Runbook r) {
    Budget b = r.budget();
    return new Runbook(
        r.id(),
        r.title(),
        r.when().map(Ast::strip),
        new Budget(b.queries(), b.seconds(), b.confidence(), Position.NONE),
        strip(r.body()),
        r.leadingComments().stream()
            .map(c -> new Statement.Comment(c.text(), Position.NONE))
            .toList(),
        r.trailingComments().stream()
            .map(c -> new Statement.Comment(c.text(), Position.NONE))
            .toList(),
        Position.NONE);
  }

  private static List<Statement> strip(List<Statement> body) {
    return body.stream().map(Ast::strip).toList();
  }

  private static Statement strip(Statement s) {
    Position n = Position.NONE;
    return switch (s) {
      case Statement.Step st ->
          new Statement.Step(
              st.name(),
              st.actor(),
              st.arguments().stream()
                  .map(a -> new Argument(a.name(), strip(a.value()), n))
                  .toList(),
              n);
      case Statement.Require r -> new Statement.Require(strip(r.condition()), n);
      case Statement.Hypothesis h ->
          new Statement.Hypothesis(h.title(), h.prior(), strip(h.body()), n);
      case Statement.Parallel p -> new Statement.Parallel(strip(p.body()), n);
      case Statement.ForEach f ->
          new Statement.ForEach(f.variable(), strip(f.iterable()), strip(f.body()), n);
      case Statement.Conclude c -> new Statement.Conclude(n);
      case Statement.Comment c -> new Statement.Comment(c.text(), n);
    };
  }

  private static Expr strip(Expr e) {
    Position n = Position.NONE;
    return switch (e) {
      case Expr.Str s -> new Expr.Str(s.value(), n);
      case Expr.Num x -> new Expr.Num(x.value(), n);
      case Expr.Bool x -> new Expr.Bool(x.value(), n);
      case Expr.DurationLit d -> new Expr.DurationLit(d.value(), n);
      case Expr.ListLit l -> new Expr.ListLit(l.elements().stream().map(Ast::strip).toList(), n);
      case Expr.Name x -> new Expr.Name(x.name(), n);
      case Expr.Field f -> new Expr.Field(strip(f.target()), f.field(), n);
      case Expr.Call c ->
          new Expr.Call(c.function(), c.arguments().stream().map(Ast::strip).toList(), n);
      case Expr.Binary b -> new Expr.Binary(strip(b.left()), b.operator(), strip(b.right()), n);
      case Expr.Not x -> new Expr.Not(strip(x.operand()), n);
    };
  }
}
