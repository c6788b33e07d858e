package dev.warroom.engine.director;

import dev.warroom.dsl.ActorCatalog;
import dev.warroom.dsl.ActorSignature;
import dev.warroom.dsl.Type;
import dev.warroom.engine.actors.Actor;
import dev.warroom.engine.actors.ActorRegistry;
import dev.warroom.model.TimeWindow;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the runbook checker's {@link ActorSignature}s from the actors' input and output records:
 * component names are parameter and field names; {@code List<String>} is a list of services, hosts
 * or strings by its name ({@code services}, {@code hosts}, other), {@code String} a service when
 * named {@code service}. Every parameter is optional: an actor given no services looks at all.
 */
public final class ActorSignatures {
  private ActorSignatures() {}

  /** The catalog of the registry's actors. */
  public static ActorCatalog catalog(ActorRegistry registry) {
    List<ActorSignature> out = new ArrayList<>();
    for (Actor<?, ?> a : registry.all()) {
      out.add(signature(a));
    }
    return ActorCatalog.of(out);
  }

  static ActorSignature signature(Actor<?, ?> a) {
    List<ActorSignature.Param> params = new ArrayList<>();
    for (RecordComponent c : a.inputType().getRecordComponents()) {
      params.add(ActorSignature.Param.optional(c.getName(), typeOf(c)));
    }
    Map<String, Type> outputs = new LinkedHashMap<>();
    for (RecordComponent c : a.outputType().getRecordComponents()) {
      outputs.put(c.getName(), typeOf(c));
    }
    return new ActorSignature(a.name(), a.description(), params, outputs);
  }

  static Type typeOf(RecordComponent c) {
    Class<?> raw = c.getType();
    String n = c.getName();
    if (raw == List.class && c.getGenericType() instanceof ParameterizedType) {
      if (n.endsWith("services") || n.equals("origins") || n.equals("databases")) {
        return Type.listOf(Type.SERVICE);
      }
      if (n.endsWith("hosts")) {
        return Type.listOf(Type.HOST);
      }
      return Type.listOf(Type.STRING);
    }
    if (raw == String.class) {
      return n.equals("service") ? Type.SERVICE : Type.STRING;
    }
    if (raw == boolean.class) {
      return Type.BOOL;
    }
    if (raw == double.class || raw == int.class) {
      return Type.NUMBER;
    }
    if (raw == TimeWindow.class) {
      return Type.WINDOW;
    }
    if (raw == Duration.class) {
      return Type.DURATION;
    }
    return Type.ANY;
  }
}
