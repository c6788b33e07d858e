package dev.warroom.dsl;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A statement in a runbook body. Blocks ({@link Hypothesis}, {@link Parallel}, {@link ForEach})
 * hold statements; {@link Comment}s are kept so that {@code warroom runbook fmt} never drops them.
 */
public sealed interface Statement
    permits Statement.Step,
        Statement.Require,
        Statement.Hypothesis,
        Statement.Parallel,
        Statement.ForEach,
        Statement.Conclude,
        Statement.Comment {

  /** Where the statement starts (its keyword). */
  Position position();

  /** {@code step name = actor(arg: expr, ...)}: runs an actor; its output is named {@code name}. */
  record Step(String name, String actor, List<Argument> arguments, Position position)
      implements Statement {
    public Step {
      Identifiers.require(name, "step name");
      Identifiers.require(actor, "actor");
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(position, "position");
    }
  }

  /**
   * {@code require condition}: if false, the enclosing hypothesis is pruned (at top level the
   * runbook stops, inconclusive).
   */
  record Require(Expr condition, Position position) implements Statement {
    public Require {
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(position, "position");
    }
  }

  /**
   * {@code hypothesis "title" [prior p] { ... }}: a branch the Director may explore; branches run
   * in descending prior order, unset priors last, ties in source order.
   */
  record Hypothesis(String title, OptionalDouble prior, List<Statement> body, Position position)
      implements Statement {
    public Hypothesis {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(prior, "prior");
      body = List.copyOf(body);
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code parallel { ... }}: statements that may run concurrently; none sees another's output. */
  record Parallel(List<Statement> body, Position position) implements Statement {
    public Parallel {
      body = List.copyOf(body);
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code for variable in iterable { ... }}: runs the body once per element. */
  record ForEach(String variable, Expr iterable, List<Statement> body, Position position)
      implements Statement {
    public ForEach {
      Identifiers.require(variable, "loop variable");
      Objects.requireNonNull(iterable, "iterable");
      body = List.copyOf(body);
      Objects.requireNonNull(position, "position");
    }
  }

  /** {@code conclude}: stop exploring and assemble the report from what is known. */
  record Conclude(Position position) implements Statement {
    public Conclude {
      Objects.requireNonNull(position, "position");
    }
  }

  /** A {@code #} comment line; {@code text} is without the {@code #} and surrounding blanks. */
  record Comment(String text, Position position) implements Statement {
    public Comment {
      Objects.requireNonNull(text, "text");
      if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || !text.equals(text.strip())) {
        throw new IllegalArgumentException("comment text must be one stripped line: " + text);
      }
      Objects.requireNonNull(position, "position");
    }
  }
}
