package dev.warroom.dsl;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Prints a runbook in canonical layout: two-space indent, one statement per line, a blank line
 * around blocks, argument lists broken one per line past {@value #WIDTH} columns, parentheses only
 * where precedence needs them. Comments are kept. Parsing the output yields the same AST (positions
 * aside) and formatting it again yields the same text.
 */
public final class Formatter {
  static final int WIDTH = 100;
  private static final int LEVEL_OR = 1;
  private static final int LEVEL_AND = 2;
  private static final int LEVEL_NOT = 3;
  private static final int LEVEL_COMPARISON = 4;
  private static final int LEVEL_ATOM = 5;

  private Formatter() {}

  /**
   * Where blank lines go between statements of a block: {@code sourceLines == null} puts them
   * around blocks (hypothesis, parallel, for); otherwise the author's blank lines are kept, one at
   * most, as gofmt does, judged by whether the line before a statement (or its comments) is blank.
   */
  private record Layout(List<String> sourceLines) {
    boolean blankBefore(List<Statement> body, int group, boolean previousWasBlock) {
      if (sourceLines == null) {
        return previousWasBlock || isBlock(groupStatement(body, group));
      }
      int line = body.get(group).position().line();
      return line >= 2 && line - 2 < sourceLines.size() && sourceLines.get(line - 2).isBlank();
    }
  }

  /** The canonical text of {@code runbook}, ending in a newline, with blank lines around blocks. */
  public static String format(Runbook runbook) {
    return format(runbook, new Layout(null));
  }

  /**
   * The canonical text of {@code runbook} parsed from {@code source}, keeping the author's blank
   * lines between statements (at most one in a row).
   */
  public static String format(Runbook runbook, String source) {
    return format(runbook, new Layout(source.lines().toList()));
  }

  private static String format(Runbook runbook, Layout layout) {
    StringBuilder out = new StringBuilder();
    for (Statement.Comment c : runbook.leadingComments()) {
      out.append(comment(c)).append('\n');
    }
    out.append("runbook ")
        .append(runbook.id())
        .append(' ')
        .append(string(runbook.title()))
        .append(" {\n");
    runbook.when().ifPresent(w -> out.append("  when ").append(expr(w)).append('\n'));
    if (!runbook.budget().isEmpty()) {
      out.append("  budget ").append(budget(runbook.budget())).append('\n');
    }
    boolean header = runbook.when().isPresent() || !runbook.budget().isEmpty();
    if (header && !runbook.body().isEmpty()) {
      out.append('\n');
    }
    block(runbook.body(), 1, layout, out);
    out.append("}\n");
    for (Statement.Comment c : runbook.trailingComments()) {
      out.append(comment(c)).append('\n');
    }
    return out.toString();
  }

  private static String budget(Budget b) {
    StringBuilder s = new StringBuilder();
    b.queries().ifPresent(q -> s.append("queries ").append(q));
    b.seconds()
        .ifPresent(x -> s.append(s.isEmpty() ? "" : ", ").append("seconds ").append(number(x)));
    b.confidence()
        .ifPresent(x -> s.append(s.isEmpty() ? "" : ", ").append("confidence ").append(number(x)));
    return s.toString();
  }

  private static void block(List<Statement> body, int depth, Layout layout, StringBuilder out) {
    // A group is a run of comments plus the statement they precede.
    boolean previousWasBlock = false;
    boolean first = true;
    for (int i = 0; i < body.size(); i++) {
      Statement s = body.get(i);
      boolean groupStart = i == 0 || !(body.get(i - 1) instanceof Statement.Comment);
      if (groupStart && !first && layout.blankBefore(body, i, previousWasBlock)) {
        out.append('\n');
      }
      first = false;
      statement(s, depth, layout, out);
      if (!(s instanceof Statement.Comment)) {
        previousWasBlock = isBlock(s);
      }
    }
  }

  private static Statement groupStatement(List<Statement> body, int from) {
    for (int i = from; i < body.size(); i++) {
      if (!(body.get(i) instanceof Statement.Comment)) {
        return body.get(i);
      }
    }
    return body.get(body.size() - 1);
  }

  private static boolean isBlock(Statement s) {
    return s instanceof Statement.Hypothesis
        || s instanceof Statement.Parallel
        || s instanceof Statement.ForEach;
  }

  private static void statement(Statement s, int depth, Layout layout, StringBuilder out) {
    String indent = "  ".repeat(depth);
    switch (s) {
      case Statement.Step step -> out.append(step(step, indent)).append('\n');
      case Statement.Require r ->
          out.append(indent).append("require ").append(expr(r.condition())).append('\n');
      case Statement.Conclude c -> out.append(indent).append("conclude\n");
      case Statement.Comment c -> out.append(indent).append(comment(c)).append('\n');
      case Statement.Hypothesis h -> {
        out.append(indent).append("hypothesis ").append(string(h.title()));
        prior(h.prior(), out);
        out.append(" {\n");
        block(h.body(), depth + 1, layout, out);
        out.append(indent).append("}\n");
      }
      case Statement.Parallel p -> {
        out.append(indent).append("parallel {\n");
        block(p.body(), depth + 1, layout, out);
        out.append(indent).append("}\n");
      }
      case Statement.ForEach f -> {
        out.append(indent)
            .append("for ")
            .append(f.variable())
            .append(" in ")
            .append(expr(f.iterable()))
            .append(" {\n");
        block(f.body(), depth + 1, layout, out);
        out.append(indent).append("}\n");
      }
    }
  }

  private static void prior(OptionalDouble prior, StringBuilder out) {
    prior.ifPresent(p -> out.append(" prior ").append(number(p)));
  }

  private static String step(Statement.Step step, String indent) {
    List<String> args =
        step.arguments().stream().map(a -> a.name() + ": " + expr(a.value())).toList();
    String head = indent + "step " + step.name() + " = " + step.actor() + "(";
    String oneLine = head + String.join(", ", args) + ")";
    if (oneLine.length() <= WIDTH || args.isEmpty()) {
      return oneLine;
    }
    String inner = indent + "  ";
    return args.stream()
        .map(a -> inner + a)
        .collect(Collectors.joining(",\n", head + "\n", "\n" + indent + ")"));
  }

  private static String comment(Statement.Comment c) {
    return c.text().isEmpty() ? "#" : "# " + c.text();
  }

  /** The canonical text of an expression. */
  public static String expr(Expr e) {
    return switch (e) {
      case Expr.Str s -> string(s.value());
      case Expr.Num n -> number(n.value());
      case Expr.Bool b -> Boolean.toString(b.value());
      case Expr.DurationLit d -> DurationUnits.format(d.value());
      case Expr.ListLit l ->
          l.elements().stream().map(Formatter::expr).collect(Collectors.joining(", ", "[", "]"));
      case Expr.Name n -> n.name();
      case Expr.Field f -> wrap(f.target(), level(f.target()) < LEVEL_ATOM) + "." + f.field();
      case Expr.Call c ->
          c.function()
              + c.arguments().stream()
                  .map(Formatter::expr)
                  .collect(Collectors.joining(", ", "(", ")"));
      case Expr.Binary b -> {
        int level = level(b);
        // Comparisons do not chain, and/or are left-associative: a same-level right operand
        // (and a same-level left operand of a comparison) needs parentheses.
        boolean leftParens =
            level(b.left()) < level || (level == LEVEL_COMPARISON && level(b.left()) == level);
        boolean rightParens = level(b.right()) <= level;
        yield wrap(b.left(), leftParens)
            + " "
            + b.operator().symbol()
            + " "
            + wrap(b.right(), rightParens);
      }
      // "not a == b" means not (a == b), as in Python; the parentheses are printed for readers.
      case Expr.Not n -> "not " + wrap(n.operand(), n.operand() instanceof Expr.Binary);
    };
  }

  private static String wrap(Expr e, boolean parens) {
    return parens ? "(" + expr(e) + ")" : expr(e);
  }

  private static int level(Expr e) {
    return switch (e) {
      case Expr.Binary b ->
          switch (b.operator()) {
            case OR -> LEVEL_OR;
            case AND -> LEVEL_AND;
            default -> LEVEL_COMPARISON;
          };
      case Expr.Not n -> LEVEL_NOT;
      default -> LEVEL_ATOM;
    };
  }

  /** A quoted, escaped string literal. */
  static String string(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        default -> s.append(c);
      }
    }
    return s.append('"').toString();
  }

  /** A number without exponent or trailing zeros: {@code 60}, {@code 0.25}. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
