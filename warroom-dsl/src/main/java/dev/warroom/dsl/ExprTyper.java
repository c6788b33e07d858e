package dev.warroom.dsl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Infers expression types for the {@link Checker}, reporting each problem once and returning {@link
 * Type#ANY} after an error so one mistake does not cascade into more diagnostics.
 */
final class ExprTyper {
  /** The fields of {@code alert} a runbook may read. */
  static final Type.Record ALERT =
      new Type.Record(
          Map.of(
              "service", Type.SERVICE,
              "window", Type.WINDOW,
              "signal", Type.SYMBOL,
              "severity", Type.SYMBOL,
              "title", Type.STRING,
              "fingerprint", Type.STRING,
              "labels", Type.ANY));

  private final List<Diagnostic> diagnostics;
  private final Map<String, Statement.Step> allSteps;
  private final ActorCatalog catalog;
  // Steps whose definition the checker has passed, in or out of scope.
  private final Set<String> checkedSteps;

  ExprTyper(
      List<Diagnostic> diagnostics,
      Map<String, Statement.Step> allSteps,
      ActorCatalog catalog,
      Set<String> checkedSteps) {
    this.diagnostics = diagnostics;
    this.allSteps = allSteps;
    this.catalog = catalog;
    this.checkedSteps = checkedSteps;
  }

  /**
   * Checks that {@code e} has a type assignable to {@code expected}; {@code what} names the slot.
   */
  void expect(Expr e, Type expected, Scope scope, String what) {
    Type actual = typeOf(e, scope);
    if (!actual.isAssignableTo(expected)) {
      error(e, what + " needs " + expected.display() + " but got " + describe(e, actual));
    }
  }

  Type typeOf(Expr e, Scope scope) {
    return switch (e) {
      case Expr.Str s -> Type.STRING;
      case Expr.Num n -> Type.NUMBER;
      case Expr.Bool b -> Type.BOOL;
      case Expr.DurationLit d -> Type.DURATION;
      case Expr.ListLit l -> listType(l, scope);
      case Expr.Name n -> nameType(n, scope, false);
      case Expr.Field f -> fieldType(f, scope);
      case Expr.Call c -> callType(c, scope);
      case Expr.Binary b -> binaryType(b, scope);
      case Expr.Not n -> {
        expect(n.operand(), Type.BOOL, scope, "'not'");
        yield Type.BOOL;
      }
    };
  }

  private Type listType(Expr.ListLit l, Scope scope) {
    if (l.elements().isEmpty()) {
      return Type.listOf(Type.ANY);
    }
    List<Type> types = l.elements().stream().map(x -> typeOf(x, scope)).toList();
    Type first = types.get(0);
    if (types.stream().allMatch(t -> t.isAssignableTo(first))) {
      return Type.listOf(first);
    }
    if (types.stream().allMatch(Type::isStringLike)) {
      return Type.listOf(Type.STRING);
    }
    error(l, "list mixes " + new TreeSet<>(types.stream().map(Type::display).toList()));
    return Type.listOf(Type.ANY);
  }

  /** A bare name: a visible step or loop variable, {@code alert}, or else a symbol. */
  private Type nameType(Expr.Name n, Scope scope, boolean dotted) {
    Optional<Type> bound = scope.lookup(n.name());
    if (bound.isPresent()) {
      return bound.get();
    }
    if (n.name().equals("alert")) {
      return ALERT;
    }
    Statement.Step elsewhere = allSteps.get(n.name());
    if (elsewhere != null) {
      boolean later = !checkedSteps.contains(n.name());
      error(
          n,
          later
              ? "step '" + n.name() + "' is used before it is defined at " + elsewhere.position()
              : "step '"
                  + n.name()
                  + "' (defined at "
                  + elsewhere.position()
                  + ") is not visible here: it is inside a hypothesis, loop or parallel block"
                  + " that does not enclose this use");
      return Type.ANY;
    }
    if (dotted) {
      error(n, "undefined name '" + n.name() + "'" + Suggestions.hint(n.name(), allSteps.keySet()));
      return Type.ANY;
    }
    return Type.SYMBOL;
  }

  private Type fieldType(Expr.Field f, Scope scope) {
    Type target =
        f.target() instanceof Expr.Name n ? nameType(n, scope, true) : typeOf(f.target(), scope);
    return switch (target) {
      case Type.Any a -> Type.ANY;
      case Type.Record r -> {
        Type field = r.fields().get(f.field());
        if (field == null) {
          error(
              f,
              owner(f.target())
                  + " has no field '"
                  + f.field()
                  + "'"
                  + Suggestions.hint(f.field(), r.fields().keySet())
                  + "; it has: "
                  + String.join(", ", new TreeSet<>(r.fields().keySet())));
          yield Type.ANY;
        }
        yield field;
      }
      default -> {
        error(f, "cannot read field '" + f.field() + "' of a " + target.display());
        yield Type.ANY;
      }
    };
  }

  private String owner(Expr target) {
    if (target instanceof Expr.Name n) {
      if (n.name().equals("alert")) {
        return "alert";
      }
      Statement.Step step = allSteps.get(n.name());
      if (step != null) {
        return "step '" + n.name() + "' (actor " + step.actor() + ")";
      }
      return "'" + n.name() + "'";
    }
    return "this record";
  }

  private Type callType(Expr.Call c, Scope scope) {
    Optional<Builtin> builtin = Builtin.find(c.function());
    if (builtin.isEmpty()) {
      c.arguments().forEach(a -> typeOf(a, scope));
      if (catalog.find(c.function()).isPresent()) {
        error(
            c,
            "'"
                + c.function()
                + "' is an actor, not a function: call it in a step ('step x = "
                + c.function()
                + "(...)')");
      } else {
        error(
            c,
            "unknown function '"
                + c.function()
                + "'"
                + Suggestions.hint(c.function(), Builtin.names())
                + " (built-ins: "
                + String.join(", ", Builtin.names())
                + ")");
      }
      return Type.ANY;
    }
    Builtin b = builtin.get();
    if (c.arguments().size() != 1) {
      c.arguments().forEach(a -> typeOf(a, scope));
      error(c, c.function() + "() takes 1 argument, got " + c.arguments().size());
      return Type.ANY;
    }
    Expr arg = c.arguments().get(0);
    Type argType = typeOf(arg, scope);
    Optional<Type> result = b.resultType(argType);
    if (result.isEmpty()) {
      error(arg, c.function() + "() needs " + b.parameter() + " but got " + describe(arg, argType));
      return Type.ANY;
    }
    return result.get();
  }

  private Type binaryType(Expr.Binary b, Scope scope) {
    String op = "'" + b.operator().symbol() + "'";
    switch (b.operator()) {
      case AND, OR -> {
        expect(b.left(), Type.BOOL, scope, op);
        expect(b.right(), Type.BOOL, scope, op);
      }
      case EQUAL, NOT_EQUAL -> {
        Type l = typeOf(b.left(), scope);
        Type r = typeOf(b.right(), scope);
        if (!l.isAssignableTo(r) && !r.isAssignableTo(l)) {
          error(b, "cannot compare " + l.display() + " with " + r.display() + " using " + op);
        }
      }
      case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> {
        Type l = typeOf(b.left(), scope);
        Type r = typeOf(b.right(), scope);
        boolean numbers = l.isAssignableTo(Type.NUMBER) && r.isAssignableTo(Type.NUMBER);
        boolean durations = l.isAssignableTo(Type.DURATION) && r.isAssignableTo(Type.DURATION);
        if (!numbers && !durations) {
          error(
              b,
              op
                  + " compares two numbers or two durations, not "
                  + l.display()
                  + " and "
                  + r.display());
        }
      }
      case IN -> {
        Type l = typeOf(b.left(), scope);
        Type r = typeOf(b.right(), scope);
        switch (r) {
          case Type.Any a -> {}
          case Type.ListOf list -> {
            if (!l.isAssignableTo(list.element()) && !list.element().isAssignableTo(l)) {
              error(b, "'in' tests a " + l.display() + " against a " + r.display());
            }
          }
          default ->
              error(b.right(), "'in' needs a list on its right but got " + describe(b.right(), r));
        }
      }
    }
    return Type.BOOL;
  }

  private static String describe(Expr e, Type t) {
    if (e instanceof Expr.Name n && t instanceof Type.Symbol) {
      return "'"
          + n.name()
          + "', which is not a defined step or loop variable (a bare word is a symbol)";
    }
    return t.display();
  }

  private void error(Expr at, String message) {
    diagnostics.add(Diagnostic.error(at.position(), message));
  }
}
