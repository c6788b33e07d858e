package dev.warroom.engine.director;

import dev.warroom.dsl.Builtin;
import dev.warroom.dsl.Expr;
import dev.warroom.dsl.Formatter;
import dev.warroom.engine.actors.InvestigationContext;
import dev.warroom.model.Alert;
import dev.warroom.model.Instance;
import dev.warroom.model.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates runbook expressions to plain values: String, Double, Boolean, Duration, TimeWindow,
 * List and Map (an actor output's fields, or {@code alert}). A bare name that is neither a step, a
 * loop variable nor {@code alert} is a symbol and evaluates to its own text; {@code alert.signal}
 * is normalised to the engine's alert class so {@code alert.signal in [latency]} matches "p99
 * latency high". Built-ins evaluate against the incident's topology.
 */
final class ExprEvaluator {
  private final InvestigationContext ctx;
  private final Map<String, Object> alert;

  ExprEvaluator(InvestigationContext ctx) {
    this.ctx = ctx;
    this.alert = alertFields(ctx.incident().alert(), ctx);
  }

  static Map<String, Object> alertFields(Alert a, InvestigationContext ctx) {
    Map<String, Object> m = new HashMap<>();
    // An alert naming a service absent from the data is investigated system-wide.
    String service = a.service() != null && ctx.inventory().knows(a.service()) ? a.service() : "";
    m.put("service", service);
    m.put("window", ctx.window());
    m.put("signal", AlertClass.of(a).id());
    m.put("severity", a.severity().toLowerCase(Locale.ROOT));
    m.put("title", a.title());
    m.put("fingerprint", a.fingerprint());
    m.put("labels", Map.copyOf(a.labels()));
    return m;
  }

  Object eval(Expr e, Map<String, Object> env) {
    return switch (e) {
      case Expr.Str s -> s.value();
      case Expr.Num n -> n.value();
      case Expr.Bool b -> b.value();
      case Expr.DurationLit d -> d.value();
      case Expr.ListLit l -> l.elements().stream().map(x -> eval(x, env)).toList();
      case Expr.Name n -> {
        if (env.containsKey(n.name())) {
          yield env.get(n.name());
        }
        yield n.name().equals("alert") ? alert : n.name();
      }
      case Expr.Field f -> {
        Object target = eval(f.target(), env);
        if (target instanceof Map<?, ?> m) {
          yield m.get(f.field());
        }
        throw new IllegalArgumentException(
            show(f.target()) + " has no field '" + f.field() + "' (its step did not run)");
      }
      case Expr.Call c -> call(c, env);
      case Expr.Binary b -> binary(b, env);
      case Expr.Not n -> !truthy(eval(n.operand(), env));
    };
  }

  private Object binary(Expr.Binary b, Map<String, Object> env) {
    switch (b.operator()) {
      case AND -> {
        return truthy(eval(b.left(), env)) && truthy(eval(b.right(), env));
      }
      case OR -> {
        return truthy(eval(b.left(), env)) || truthy(eval(b.right(), env));
      }
      default -> {}
    }
    Object l = eval(b.left(), env);
    Object r = eval(b.right(), env);
    return switch (b.operator()) {
      case EQUAL -> same(l, r);
      case NOT_EQUAL -> !same(l, r);
      case LESS -> num(l) < num(r);
      case LESS_EQUAL -> num(l) <= num(r);
      case GREATER -> num(l) > num(r);
      case GREATER_EQUAL -> num(l) >= num(r);
      case IN -> r instanceof Collection<?> c && c.stream().anyMatch(x -> same(l, x));
      case AND, OR -> throw new IllegalStateException("handled above");
    };
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(
        a == null ? null : String.valueOf(a), b == null ? null : String.valueOf(b));
  }

  private static double num(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("not a number: " + v);
  }

  static boolean truthy(Object v) {
    return v instanceof Boolean b
        ? b
        : v instanceof Collection<?> c ? !c.isEmpty() : v != null && !"".equals(v);
  }

  private Object call(Expr.Call c, Map<String, Object> env) {
    Builtin f =
        Builtin.find(c.function())
            .orElseThrow(() -> new IllegalArgumentException("unknown function: " + c.function()));
    Object arg = c.arguments().isEmpty() ? null : eval(c.arguments().get(0), env);
    List<String> names = names(arg);
    Topology t = topology();
    return switch (f) {
      case HOSTS_OF -> {
        Set<String> out = new LinkedHashSet<>();
        for (Instance i : t.instances()) {
          if (names.contains(i.service())) {
            out.add(i.host() != null ? i.host() : i.name());
          }
        }
        yield List.copyOf(out);
      }
      case SERVICES_OF -> {
        Set<String> out = new LinkedHashSet<>();
        for (Instance i : t.instances()) {
          if (names.contains(i.host()) || names.contains(i.name())) {
            out.add(i.service());
          }
        }
        yield List.copyOf(out);
      }
      case DEPENDENCIES_OF ->
          distinct(names.stream().flatMap(s -> t.calleesOf(s).stream()).toList());
      case CALLERS_OF -> distinct(names.stream().flatMap(s -> t.callersOf(s).stream()).toList());
      case LEN -> (double) (arg instanceof Collection<?> col ? col.size() : 0);
      case FIRST -> arg instanceof List<?> l && !l.isEmpty() ? l.get(0) : null;
    };
  }

  private Topology topology() {
    return ctx.memo("topology-view", () -> ctx.topologyProvider().get());
  }

  private static List<String> names(Object arg) {
    if (arg instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).toList();
    }
    return arg == null || "".equals(arg) ? List.of() : List.of(String.valueOf(arg));
  }

  private static List<String> distinct(List<String> xs) {
    return new ArrayList<>(new LinkedHashSet<>(xs));
  }

  static String show(Expr e) {
    return Formatter.expr(e);
  }
}
