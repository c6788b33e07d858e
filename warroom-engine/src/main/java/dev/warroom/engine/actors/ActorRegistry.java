package dev.warroom.engine.actors;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actors a runbook may call, by name. Binds named runbook arguments to an actor's input record
 * (by component name; a missing list is empty, a missing string empty) and exposes an output
 * record's components as fields, so the interpreter needs no per-actor code.
 */
public final class ActorRegistry {
  private final Map<String, Actor<?, ?>> actors = new LinkedHashMap<>();

  public ActorRegistry(List<Actor<?, ?>> actors) {
    for (Actor<?, ?> a : actors) {
      if (this.actors.put(a.name(), a) != null) {
        throw new IllegalArgumentException("duplicate actor: " + a.name());
      }
    }
  }

  /** The nine built-in actors. */
  public static ActorRegistry standard() {
    return new ActorRegistry(
        List.of(
            new ImpactAnalysisActor(),
            new ErrorLocalizationActor(),
            new MetricAnomalyActor(),
            new TraceAnalysisActor(),
            new ChangeCorrelationActor(),
            new DatabaseAnalysisActor(),
            new CodeAnalysisActor(),
            new InfraAnalysisActor(),
            new KubernetesAnalysisActor()));
  }

  public Optional<Actor<?, ?>> find(String name) {
    return Optional.ofNullable(actors.get(name));
  }

  public Collection<Actor<?, ?>> all() {
    return actors.values();
  }

  /**
   * Calls actor {@code name} with named arguments.
   *
   * @throws IllegalArgumentException for an unknown actor, unknown argument or a value of the wrong
   *     type, naming it
   */
  public Record call(String name, Map<String, Object> args, InvestigationContext ctx) {
    Actor<?, ?> a = actors.get(name);
    if (a == null) {
      throw new IllegalArgumentException("unknown actor: " + name);
    }
    return invoke(a, args, ctx);
  }

  @SuppressWarnings("unchecked")
  private static <I extends Record, O extends Record> O invoke(
      Actor<I, O> actor, Map<String, Object> args, InvestigationContext ctx) {
    I input = bind(actor.name(), actor.inputType(), args);
    return actor.run(input, ctx);
  }

  static <I extends Record> I bind(String actor, Class<I> type, Map<String, Object> args) {
    RecordComponent[] comps = type.getRecordComponents();
    for (String k : args.keySet()) {
      boolean known = false;
      for (RecordComponent c : comps) {
        known |= c.getName().equals(k);
      }
      if (!known) {
        throw new IllegalArgumentException(actor + ": unknown argument '" + k + "'");
      }
    }
    Object[] values = new Object[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      RecordComponent c = comps[i];
      types[i] = c.getType();
      values[i] = convert(actor, c.getName(), c.getGenericType(), args.get(c.getName()));
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  private static Object convert(String actor, String name, Type type, Object v) {
    Class<?> raw =
        type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (v == null) {
      if (raw == boolean.class) {
        return false;
      }
      if (raw == double.class) {
        return 0.0;
      }
      if (raw == int.class) {
        return 0;
      }
      return raw == List.class ? List.of() : null;
    }
    if (raw == List.class) {
      if (v instanceof List<?> l) {
        return List.copyOf(l.stream().map(String::valueOf).toList());
      }
      if (v instanceof String s) {
        return s.isEmpty() ? List.of() : List.of(s);
      }
    } else if (raw == String.class) {
      if (v instanceof String || v instanceof Number || v instanceof Boolean) {
        return String.valueOf(v);
      }
    } else if (raw == double.class && v instanceof Number n) {
      return n.doubleValue();
    } else if (raw == int.class && v instanceof Number n) {
      return n.intValue();
    } else if (raw == boolean.class && v instanceof Boolean b) {
      return b;
    } else if (raw.isInstance(v)) {
      return v;
    } else if (raw == Duration.class && v instanceof Number n) {
      return Duration.ofSeconds(n.longValue());
    }
    throw new IllegalArgumentException(
        actor
            + ": argument '"
            + name
            + "' expects "
            + raw.getSimpleName()
            + ", got "
            + describe(v));
  }

  private static String describe(Object v) {
    return v instanceof List<?>
        ? "a list"
        : v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** The output's fields by name, for {@code step.field} references. */
  public static Map<String, Object> fields(Record output) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : output.getClass().getRecordComponents()) {
      try {
        out.put(c.getName(), c.getAccessor().invoke(output));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** Names of the actors, for messages. */
  public List<String> names() {
    return new ArrayList<>(actors.keySet());
  }
}
