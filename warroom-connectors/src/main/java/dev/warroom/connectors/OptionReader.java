package dev.warroom.connectors;

import dev.warroom.model.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a connector's {@code options} of a sources-file entry strictly: an option the connector
 * does not know, or a value of the wrong type, is an error naming the source and the key ({@code
 * source k8s: options.namespaces: expected a list of names}), never a silent default.
 */
public final class OptionReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
  private final SourceConfig source;

  /**
   * Checks that every option of {@code source} is one of {@code known}.
   *
   * @throws InvalidInputException naming each unknown option
   */
  public OptionReader(SourceConfig source, Set<String> known) {
    this.source = source;
    List<String> problems = new ArrayList<>();
    for (String k : source.options().keySet()) {
      if (!known.contains(k)) {
        problems.add(
            where(k)
                + ": unknown option for type "
                + source.type().id()
                + " (known: "
                + new TreeSet<>(known)
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private String where(String key) {
    return "source " + source.name() + ": options." + key;
  }

  private InvalidInputException bad(String key, String expected) {
    return bad(key, expected, source.options().get(key));
  }

  private InvalidInputException bad(String key, String expected, Object value) {
    return new InvalidInputException(
        where(key) + ": expected " + expected + ", got '" + value + "'");
  }

  /** A string option, or {@code fallback} when absent. */
  public String string(String key, String fallback) {
    Object v = source.options().get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof List || String.valueOf(v).isBlank()) {
      throw bad(key, "a non-empty string");
    }
    return String.valueOf(v);
  }

  /** A boolean option, or {@code fallback} when absent. */
  public boolean bool(String key, boolean fallback) {
    Object v = source.options().get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw bad(key, "true or false");
  }

  /** An integer option in [{@code min}, {@code max}], or {@code fallback} when absent. */
  public int integer(String key, int fallback, int min, int max) {
    Object v = source.options().get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == n.intValue()) {
      int i = n.intValue();
      if (i >= min && i <= max) {
        return i;
      }
    }
    throw bad(key, "a whole number from " + min + " to " + max);
  }

  /** A duration option ({@code 500ms}, {@code 5s}, {@code 2m}; 0 allowed), or the fallback. */
  public Duration duration(String key, Duration fallback) {
    Object v = source.options().get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == 0) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(String.valueOf(v).strip());
    if (!(v instanceof String) || !m.matches()) {
      throw bad(key, "a duration such as 500ms, 5s or 2m");
    }
    double d = Double.parseDouble(m.group(1));
    return Duration.ofMillis(
        switch (m.group(2)) {
          case "ms" -> (long) d;
          case "s" -> (long) (d * 1000);
          default -> (long) (d * 60_000);
        });
  }

  /** A list of names (a YAML list, or one comma-separated string); empty when absent. */
  public List<String> names(String key) {
    Object v = source.options().get(key);
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o == null || o instanceof Map || o instanceof List || String.valueOf(o).isBlank()) {
          throw bad(key, "a list of names");
        }
        out.add(String.valueOf(o).strip());
      }
    } else if (v instanceof String s) {
      for (String p : s.split(",")) {
        if (!p.isBlank()) {
          out.add(p.strip());
        }
      }
    } else {
      throw bad(key, "a list of names");
    }
    return List.copyOf(out);
  }

  /** A mapping of names to strings ({@code {cart: services/cart}}); empty when absent. */
  public Map<String, String> mapping(String key) {
    Object v = source.options().get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw bad(key, "a mapping of names to strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : m.entrySet()) {
      if (e.getValue() == null
          || e.getValue() instanceof Map
          || e.getValue() instanceof List
          || String.valueOf(e.getValue()).isBlank()) {
        throw bad(key + "." + e.getKey(), "a non-empty string", e.getValue());
      }
      out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
    }
    return out;
  }
}
