package dev.warroom.experts.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the entities of a log line: hosts, IPs, IP/host:port addresses, pods, services, URL paths,
 * HTTP status codes, exception classes, SQL fragments, durations and ids (UUIDs, Hadoop/HDFS ids,
 * session and trace ids). Rules run in priority order and a character belongs to at most one
 * entity, so {@code 10.0.0.1:8080} is one address, not an IP plus a number. Runs off the mining hot
 * path (on error lines and templates' examples), so regular expressions are fine here.
 */
public final class EntityExtractor {
  private record Rule(EntityType type, Pattern pattern, int group) {}

  private static final String TLD =
      "(?:com|net|org|io|edu|gov|local|internal|cluster|svc|hk|cn|de|uk|jp|fr|ru|dev|cloud|corp)";

  /** A clause runs to the end, a quote, a semicolon, or a following {@code key=value} field. */
  private static final String WHERE = "(?:(?!\\s[\\w.]+=\\S)[^;\"'])*";

  private static final List<Rule> RULES =
      List.of(
          rule(
              EntityType.SQL,
              "(?i)\\b(select\\s.+?\\sfrom\\s+[\\w.\"`]+(?:\\s+where\\s"
                  + WHERE
                  + ")?"
                  + "|insert\\s+into\\s+[\\w.\"`]+|update\\s+[\\w.\"`]+\\s+set\\s"
                  + WHERE
                  + ""
                  + "|delete\\s+from\\s+[\\w.\"`]+(?:\\s+where\\s"
                  + WHERE
                  + ")?)",
              1),
          rule(
              EntityType.URL_PATH,
              "\\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\\s+(/[^\\s?\"]*)",
              1),
          rule(EntityType.URL_PATH, "\\bhttps?://[^/\\s\"]+(/[^\\s?\"]*)", 1),
          rule(
              EntityType.EXCEPTION,
              "\\b(?:[a-z_][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b",
              0),
          rule(EntityType.ADDRESS, "(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}:\\d{1,5}\\b", 0),
          rule(
              EntityType.ADDRESS,
              "(?<![\\w.-])(?:localhost|[a-zA-Z][\\w-]*(?:\\.[\\w-]+)+|[a-zA-Z]\\w*-[\\w-]+):\\d{2,5}\\b",
              0),
          rule(EntityType.IP, "(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w.])", 0),
          rule(
              EntityType.POD,
              "\\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-[a-z0-9]{8,10}-[a-z0-9]{5}\\b",
              0),
          rule(EntityType.POD, "(?i)\\bpod[=:/ ]\\s*\"?([a-z0-9][a-z0-9.-]*[a-z0-9])", 1),
          rule(EntityType.SERVICE, "(?i)\\b(?:service|svc)[=:/ ]\\s*\"?([a-z][\\w.-]*[a-z0-9])", 1),
          rule(EntityType.HOST, "(?<![\\w.-])[a-zA-Z][\\w-]*(?:\\.[\\w-]+)*\\." + TLD + "\\b", 0),
          rule(
              EntityType.HTTP_STATUS,
              "(?i)\\b(?:status(?: code)?|http status|status_code|code|response)[=: ]+([1-5]\\d{2})\\b",
              1),
          rule(EntityType.HTTP_STATUS, "\\bHTTP/\\d(?:\\.\\d)?\"?\\s+([1-5]\\d{2})\\b", 1),
          rule(
              EntityType.DURATION,
              "\\b\\d+(?:\\.\\d+)?\\s?(?:ms|us|µs|ns|s|sec|secs|seconds|milliseconds|minutes|min)\\b",
              0),
          rule(
              EntityType.ID,
              "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b",
              0),
          rule(
              EntityType.ID,
              "\\b(?:blk|attempt|application|appattempt|container|job|task|broadcast|rdd)_[-\\w]+\\b",
              0),
          rule(
              EntityType.ID,
              "(?i)\\b(?:session(?:id)?|trace_?id|request_?id|span_?id|txn_?id|id)[=: ]+(0x[0-9a-f]+|[\\w-]{6,})",
              1),
          rule(EntityType.ID, "\\b[0-9a-f]{16,}\\b", 0));

  private EntityExtractor() {}

  private static Rule rule(EntityType type, String regex, int group) {
    return new Rule(type, Pattern.compile(regex), group);
  }

  /** The entities of one line, in order of position. */
  public static List<Entity> extract(String line) {
    List<Entity> found = new ArrayList<>();
    boolean[] taken = new boolean[line.length()];
    for (Rule r : RULES) {
      Matcher m = r.pattern.matcher(line);
      while (m.find()) {
        int s = m.start(r.group);
        int e = m.end(r.group);
        if (s < 0 || e <= s || overlaps(taken, s, e)) {
          continue;
        }
        for (int i = s; i < e; i++) {
          taken[i] = true;
        }
        found.add(new Entity(r.type, line.substring(s, e).strip(), s));
      }
    }
    found.sort(Comparator.comparingInt(Entity::start));
    return found;
  }

  private static boolean overlaps(boolean[] taken, int s, int e) {
    for (int i = s; i < e; i++) {
      if (taken[i]) {
        return true;
      }
    }
    return false;
  }
}
