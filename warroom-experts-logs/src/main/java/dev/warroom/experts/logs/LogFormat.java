package dev.warroom.experts.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log line header format in Loghub's {@code log_format} notation: {@code <Field>} placeholders
 * between regex literals, e.g. {@code <Date> <Time> <Pid> <Level> <Component>: <Content>}. Spaces
 * match runs of whitespace; {@code <Content>} takes the rest of the line. This is the per-system
 * log format (the shape of the header), not a parsing parameter.
 */
public final class LogFormat {
  private static final Pattern FIELD = Pattern.compile("<([A-Za-z][A-Za-z0-9_]*)>");

  private final String format;
  private final Pattern pattern;
  private final List<String> fields;

  private LogFormat(String format, Pattern pattern, List<String> fields) {
    this.format = format;
    this.pattern = pattern;
    this.fields = List.copyOf(fields);
  }

  /** Compiles a format; it must contain {@code <Content>}. */
  public static LogFormat of(String format) {
    List<String> fields = new ArrayList<>();
    StringBuilder regex = new StringBuilder("^");
    Matcher m = FIELD.matcher(format);
    int last = 0;
    while (m.find()) {
      regex.append(format.substring(last, m.start()).replaceAll(" +", "\\\\s+"));
      String name = m.group(1);
      if (fields.contains(name)) {
        throw new IllegalArgumentException("log format: field <" + name + "> appears twice");
      }
      fields.add(name);
      regex.append("(?<").append(name).append(">").append(name.equals("Content") ? ".*" : ".*?");
      regex.append(")");
      last = m.end();
    }
    regex.append(format.substring(last).replaceAll(" +", "\\\\s+")).append("$");
    if (!fields.contains("Content")) {
      throw new IllegalArgumentException("log format has no <Content>: " + format);
    }
    return new LogFormat(format, Pattern.compile(regex.toString()), fields);
  }

  /** The header fields and the content of one line, or empty when the line does not match. */
  public Optional<Map<String, String>> fields(String line) {
    Matcher m = pattern.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : fields) {
      out.put(f, m.group(f));
    }
    return Optional.of(out);
  }

  /** The message of one line, or empty when the line does not match. */
  public Optional<String> content(String line) {
    Matcher m = pattern.matcher(line);
    return m.matches() ? Optional.of(m.group("Content")) : Optional.empty();
  }

  @Override
  public String toString() {
    return format;
  }

  /**
   * Loghub's published {@code log_format} of the 8 systems in {@code loghub-2k} (benchmark settings
   * of the logparser toolkit).
   */
  public static Map<String, LogFormat> loghub() {
    return Map.of(
        "HDFS", of("<Date> <Time> <Pid> <Level> <Component>: <Content>"),
        "Hadoop", of("<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>"),
        "Spark", of("<Date> <Time> <Level> <Component>: <Content>"),
        "Zookeeper", of("<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>"),
        "BGL",
            of(
                "<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level>"
                    + " <Content>"),
        "HealthApp", of("<Time>\\|<Component>\\|<Pid>\\|<Content>"),
        "Linux", of("<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>"),
        "Proxifier", of("\\[<Time>\\] <Program> - <Content>"));
  }
}
