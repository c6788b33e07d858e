package dev.warroom.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.FindingDetail;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a {@link FindingDetail}: {@code {"kind": "edge_failure", "caller": ..., ...}},
 * the kind first, then the record's components by name in declaration order. Numbers that are not
 * finite (NaN: unknown) are {@code null}; {@link FindingDetail.Direction} is lower case; maps are
 * sorted by key, so a detail always renders to the same bytes. The report (docs/report.schema.json,
 * {@code $defs/findingDetail}) and the fusion's training dumps both use this form, and {@link
 * #read} reads it back.
 */
public final class FindingDetailJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Map<String, Class<?>> KINDS = kinds();

  private FindingDetailJson() {}

  private static Map<String, Class<?>> kinds() {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    for (Class<?> c : FindingDetail.class.getPermittedSubclasses()) {
      @SuppressWarnings("unchecked")
      Class<? extends FindingDetail> d = (Class<? extends FindingDetail>) c;
      out.put(FindingDetail.kindOf(d), c);
    }
    return Map.copyOf(out);
  }

  /** The kind names, one per record of {@link FindingDetail}. */
  public static List<String> kindNames() {
    return List.copyOf(new TreeMap<>(KINDS).keySet());
  }

  /** The detail as a JSON object. */
  public static ObjectNode write(FindingDetail d) {
    ObjectNode n = NODES.objectNode();
    n.put("kind", d.kind());
    for (RecordComponent c : d.getClass().getRecordComponents()) {
      n.set(c.getName(), value(component(d, c)));
    }
    return n;
  }

  private static Object component(FindingDetail d, RecordComponent c) {
    try {
      return c.getAccessor().invoke(d);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + d.kind() + "." + c.getName(), e);
    }
  }

  private static JsonNode value(Object v) {
    return switch (v) {
      case null -> NODES.nullNode();
      case String s -> NODES.textNode(s);
      case Integer i -> NODES.numberNode(i);
      case Long l -> NODES.numberNode(l);
      case Double x -> Double.isFinite(x) ? NODES.numberNode(x) : NODES.nullNode();
      case Boolean b -> NODES.booleanNode(b);
      case Enum<?> e -> NODES.textNode(e.name().toLowerCase(Locale.ROOT));
      case List<?> list -> {
        ArrayNode a = NODES.arrayNode();
        list.forEach(x -> a.add(value(x)));
        yield a;
      }
      case Map<?, ?> map -> {
        ObjectNode o = NODES.objectNode();
        new TreeMap<>(map).forEach((k, x) -> o.set(String.valueOf(k), value(x)));
        yield o;
      }
      default ->
          throw new IllegalStateException("no JSON form for " + v.getClass().getSimpleName());
    };
  }

  /**
   * Reads a detail back from its JSON form.
   *
   * @throws IllegalArgumentException naming the kind or field that is unknown, missing or of the
   *     wrong type
   */
  public static FindingDetail read(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("finding detail: expected an object, got " + n);
    }
    String kind = n.path("kind").asText("");
    Class<?> type = KINDS.get(kind);
    if (type == null) {
      throw new IllegalArgumentException(
          "finding detail: unknown kind '" + kind + "' (known: " + kindNames() + ")");
    }
    RecordComponent[] cs = type.getRecordComponents();
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      JsonNode v = n.get(cs[i].getName());
      if (v == null) {
        throw new IllegalArgumentException(kind + ": missing field '" + cs[i].getName() + "'");
      }
      args[i] = parse(v, cs[i].getGenericType(), kind + "." + cs[i].getName());
    }
    try {
      return (FindingDetail) type.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(kind + ": " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + kind, e);
    }
  }

  private static Object parse(JsonNode v, Type type, String field) {
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        expect(v.isArray(), field, "an array", v);
        List<Object> out = new ArrayList<>();
        for (JsonNode x : v) {
          out.add(parse(x, args[0], field + "[]"));
        }
        return out;
      }
      if (raw == Map.class) {
        expect(v.isObject(), field, "an object", v);
        Map<String, Object> out = new LinkedHashMap<>();
        v.properties().forEach(e -> out.put(e.getKey(), parse(e.getValue(), args[1], field)));
        return out;
      }
    }
    if (type == String.class) {
      expect(v.isNull() || v.isTextual(), field, "a string", v);
      return v.isNull() ? null : v.asText();
    }
    if (type == int.class || type == Integer.class) {
      expect(v.canConvertToInt(), field, "an integer", v);
      return v.asInt();
    }
    if (type == long.class) {
      expect(v.canConvertToLong(), field, "an integer", v);
      return v.asLong();
    }
    if (type == double.class) {
      expect(v.isNull() || v.isNumber(), field, "a number", v);
      return v.isNull() ? Double.NaN : v.asDouble();
    }
    if (type == boolean.class) {
      expect(v.isBoolean(), field, "true or false", v);
      return v.asBoolean();
    }
    if (type == FindingDetail.Direction.class) {
      expect(v.isTextual(), field, "up or down", v);
      try {
        return FindingDetail.Direction.valueOf(v.asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ": expected up or down, got " + v, e);
      }
    }
    throw new IllegalStateException(field + ": no JSON form for " + type);
  }

  private static void expect(boolean ok, String field, String what, JsonNode got) {
    if (!ok) {
      throw new IllegalArgumentException(field + ": expected " + what + ", got " + got);
    }
  }
}
