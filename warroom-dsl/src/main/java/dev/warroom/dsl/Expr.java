package dev.warroom.dsl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An expression in a runbook: literals, names, field access ({@code impact.failing_services},
 * {@code alert.window}), built-in function calls ({@code hosts_of(x)}), list literals and the
 * condition operators. A bare {@link Name} that is not a step, loop variable or {@code alert} is a
 * symbol such as {@code error_rate} in {@code [error_rate, http_5xx]}.
 */
public sealed interface Expr
    permits Expr.Str,
        Expr.Num,
        Expr.Bool,
        Expr.DurationLit,
        Expr.ListLit,
        Expr.Name,
        Expr.Field,
        Expr.Call,
        Expr.Binary,
        Expr.Not {

  /**
   * Where diagnostics about the expression point: its first token, except for {@link Field} (the
   * field name) and {@link Binary} (the operator).
   */
  Position position();

  /** A string literal; {@code value} is unescaped. */
  record Str(String value, Position position) implements Expr {
    public Str {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(position, "position");
    }
  }

  /** A number literal (queries, thresholds, priors); the language has no negative literals. */
  record Num(double value, Position position) implements Expr {
    public Num {
      if (!Double.isFinite(value) || value < 0) {
        throw new IllegalArgumentException("number literal must be finite and >= 0: " + value);
      }
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value, Position position) implements Expr {
    public Bool {
      Objects.requireNonNull(position, "position");
    }
  }

  /** A duration literal such as {@code 5m}. */
  record DurationLit(Duration value, Position position) implements Expr {
    public DurationLit {
      Objects.requireNonNull(value, "value");
      if (value.isNegative()) {
        throw new IllegalArgumentException("negative duration: " + value);
      }
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code [a, b, c]}. */
  record ListLit(List<Expr> elements, Position position) implements Expr {
    public ListLit {
      elements = List.copyOf(elements);
      Objects.requireNonNull(position, "position");
    }
  }

  /** A bare identifier: a step, a loop variable, {@code alert}, or else a symbol. */
  record Name(String name, Position position) implements Expr {
    public Name {
      Identifiers.require(name, "name");
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code target.field}. */
  record Field(Expr target, String field, Position position) implements Expr {
    public Field {
      Objects.requireNonNull(target, "target");
      Identifiers.require(field, "field");
      Objects.requireNonNull(position, "position");
    }
  }

  /** A built-in function call with positional arguments: {@code hosts_of(impact.services)}. */
  record Call(String function, List<Expr> arguments, Position position) implements Expr {
    public Call {
      Identifiers.require(function, "function");
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code left op right}. */
  record Binary(Expr left, Operator operator, Expr right, Position position) implements Expr {
    public Binary {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(right, "right");
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code not operand}. */
  record Not(Expr operand, Position position) implements Expr {
    public Not {
      Objects.requireNonNull(operand, "operand");
      Objects.requireNonNull(position, "position");
    }
  }

  /** Binary operators, loosest-binding first: or, and, then the comparisons. */
  enum Operator {
    OR("or", 1),
    AND("and", 2),
    EQUAL("==", 3),
    NOT_EQUAL("!=", 3),
    LESS("<", 3),
    LESS_EQUAL("<=", 3),
    GREATER(">", 3),
    GREATER_EQUAL(">=", 3),
    IN("in", 3);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    /** The source spelling. */
    public String symbol() {
      return symbol;
    }

    /** Binding strength: higher binds tighter. {@code not} binds tighter than and/or. */
    public int precedence() {
      return precedence;
    }

    public boolean isComparison() {
      return precedence == 3;
    }
  }
}
