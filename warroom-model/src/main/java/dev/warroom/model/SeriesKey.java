package dev.warroom.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Identity of a metric series: a metric name and its labels, kept sorted by label name so that two
 * keys with the same labels are equal and print the same. Prints as a Prometheus selector, {@code
 * http_requests_total{code="500",service="cart"}}.
 */
public record SeriesKey(String name, SortedMap<String, String> labels)
    implements Comparable<SeriesKey> {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:.]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.]*");

  public SeriesKey {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid metric name: '" + name + "'");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    if (labels != null) {
      for (Map.Entry<String, String> e : labels.entrySet()) {
        if (!LABEL.matcher(e.getKey()).matches()) {
          throw new IllegalArgumentException("invalid label name: '" + e.getKey() + "'");
        }
        sorted.put(e.getKey(), Objects.requireNonNull(e.getValue(), "label " + e.getKey()));
      }
    }
    labels = Collections.unmodifiableSortedMap(sorted);
  }

  public static SeriesKey of(String name, Map<String, String> labels) {
    return new SeriesKey(name, labels == null ? null : new TreeMap<>(labels));
  }

  public static SeriesKey of(String name, String... labelPairs) {
    if (labelPairs.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of label arguments: " + labelPairs.length);
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      m.put(labelPairs[i], labelPairs[i + 1]);
    }
    return new SeriesKey(name, m);
  }

  /** The label value, or null when the series has no such label. */
  public String label(String labelName) {
    return labels.get(labelName);
  }

  /** The service this series belongs to, from the {@code service} label (or {@code job}). */
  public String service() {
    String s = labels.get("service");
    return s != null ? s : labels.get("job");
  }

  @Override
  public int compareTo(SeriesKey o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(e.getKey()).append("=\"");
      String v = e.getValue();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '\\' -> sb.append("\\\\");
          case '"' -> sb.append("\\\"");
          case '\n' -> sb.append("\\n");
          default -> sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }
}
