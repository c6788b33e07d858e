package dev.warroom.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.Severity;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.UnsupportedQueryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenSearch / Elasticsearch query DSL for log queries: one {@code bool} filter for a
 * {@link LogQuery}, searches sorted by time with {@code search_after} paging, and composite
 * aggregations that count per time bucket, service and severity inside the backend.
 */
final class LogSearch {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Date format of range bounds: ISO-8601 with up to nanoseconds. */
  private static final String DATE_FORMAT = "strict_date_optional_time_nanos";

  /** Level spellings in documents, per level (each also matched lower-case and capitalised). */
  private static final Map<Severity, List<String>> SPELLINGS =
      Map.of(
          Severity.TRACE, List.of("TRACE", "FINEST", "FINER", "VERBOSE"),
          Severity.DEBUG, List.of("DEBUG", "FINE", "DBG"),
          Severity.INFO, List.of("INFO", "INFORMATION", "NOTICE", "INF", "CONFIG"),
          Severity.WARN, List.of("WARN", "WARNING", "WRN"),
          Severity.ERROR, List.of("ERROR", "ERR", "SEVERE", "EXCEPTION"),
          Severity.FATAL,
              List.of("FATAL", "CRITICAL", "CRIT", "PANIC", "EMERG", "EMERGENCY", "ALERT"));

  private final LogFields fields;
  private final MappedFields mapped;
  private final Map<String, String> labelFields;

  /**
   * @param labelFields attribute name to document field for the labels the sources file maps (the
   *     pod, node, namespace), which live outside the attributes object
   */
  LogSearch(LogFields fields, MappedFields mapped, Map<String, String> labelFields) {
    this.fields = fields;
    this.mapped = mapped;
    this.labelFields = labelFields;
  }

  /** {@code {"bool":{"filter":[…]}}} selecting what {@code q} selects (its limit aside). */
  ObjectNode filter(LogQuery q) {
    ArrayNode filters = JSON.createArrayNode();
    if (q.window() != null) {
      ObjectNode range = filters.addObject().putObject("range").putObject(fields.timestamp());
      range.put("gte", q.window().start().toString());
      range.put("lt", q.window().end().toString());
      range.put("format", DATE_FORMAT);
    }
    if (!q.services().isEmpty()) {
      ArrayNode names =
          filters.addObject().putObject("terms").putArray(mapped.exactField(fields.service()));
      q.services().stream().sorted().forEach(names::add);
    }
    if (q.minSeverity() != null) {
      ArrayNode levels =
          filters.addObject().putObject("terms").putArray(mapped.exactField(fields.severity()));
      for (Severity s : Severity.values()) {
        if (s.atLeast(q.minSeverity())) {
          for (String w : SPELLINGS.get(s)) {
            levels.add(w);
            levels.add(w.toLowerCase(Locale.ROOT));
            levels.add(w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    new TreeMap<>(q.attributes())
        .forEach(
            (k, v) ->
                filters
                    .addObject()
                    .putObject("term")
                    .put(
                        mapped.exactField(
                            labelFields.getOrDefault(k, fields.attributes() + "." + k)),
                        v));
    if (q.traceId() != null) {
      filters.addObject().putObject("term").put(mapped.exactField(fields.traceId()), q.traceId());
    }
    String body = mapped.exactField(fields.body());
    boolean textOnly = mapped.textOnly(fields.body());
    if (q.contains() != null) {
      if (textOnly) {
        // No exact form of the body: a phrase match (analysed, so case-insensitive).
        filters.addObject().putObject("match_phrase").put(body, q.contains());
      } else {
        ObjectNode w = filters.addObject().putObject("wildcard").putObject(body);
        w.put("value", "*" + wildcardLiteral(q.contains()) + "*");
      }
    }
    if (q.regex() != null) {
      if (textOnly) {
        throw new UnsupportedQueryException(
            "the body field '"
                + fields.body()
                + "' is analysed text with no keyword sub-field, so a regex cannot be matched"
                + " against whole log lines; map it (or a sub-field) as keyword");
      }
      ObjectNode r = filters.addObject().putObject("regexp").putObject(body);
      r.put("value", LuceneRegex.of(q.regex()));
      r.put("flags", "NONE");
    }
    ObjectNode bool = JSON.createObjectNode();
    bool.putObject("bool").set("filter", filters);
    return bool;
  }

  /** A page of hits sorted by time; {@code after} is the previous page's last sort values. */
  ObjectNode search(LogQuery q, int size, long trackTotal, JsonNode after) {
    ObjectNode s = JSON.createObjectNode();
    s.set("query", filter(q));
    ArrayNode sort = s.putArray("sort");
    sort.addObject().putObject(fields.timestamp()).put("order", "asc");
    sort.addObject().put("_doc", "asc");
    s.put("size", size);
    s.put("track_total_hits", trackTotal);
    if (after != null) {
      s.set("search_after", after);
    }
    return s;
  }

  /**
   * Counts as a composite aggregation, one source per grouping: {@code date_histogram} with a fixed
   * interval (aligned to the epoch, like the SPI's buckets), {@code terms} on the service and on
   * the raw severity (documents without one form the {@code null} bucket). No hits are fetched.
   */
  ObjectNode counts(LogCountQuery q, int page, JsonNode afterKey) {
    ObjectNode s = JSON.createObjectNode();
    s.set("query", filter(q.filter()));
    s.put("size", 0);
    if (q.bucket() == null && q.groupBy().isEmpty()) {
      s.put("track_total_hits", true);
      return s;
    }
    s.put("track_total_hits", false);
    ObjectNode composite = s.putObject("aggs").putObject("counts").putObject("composite");
    composite.put("size", page);
    ArrayNode sources = composite.putArray("sources");
    if (q.bucket() != null) {
      ObjectNode h = sources.addObject().putObject("t").putObject("date_histogram");
      h.put("field", fields.timestamp());
      h.put("fixed_interval", q.bucket().toMillis() + "ms");
    }
    if (q.groupBy().contains(LogCountQuery.GroupBy.SERVICE)) {
      sources
          .addObject()
          .putObject("service")
          .putObject("terms")
          .put("field", mapped.exactField(fields.service()));
    }
    if (q.groupBy().contains(LogCountQuery.GroupBy.SEVERITY)) {
      ObjectNode t = sources.addObject().putObject("severity").putObject("terms");
      t.put("field", mapped.exactField(fields.severity()));
      t.put("missing_bucket", true);
    }
    if (afterKey != null) {
      composite.set("after", afterKey);
    }
    return s;
  }

  /** Totals: hits, records per service, first and last timestamp. */
  ObjectNode summary(int maxGroups) {
    ObjectNode s = JSON.createObjectNode();
    s.put("size", 0);
    s.put("track_total_hits", true);
    ObjectNode aggs = s.putObject("aggs");
    ObjectNode t = aggs.putObject("services").putObject("terms");
    t.put("field", mapped.exactField(fields.service()));
    t.put("size", maxGroups);
    aggs.putObject("first").putObject("min").put("field", fields.timestamp());
    aggs.putObject("last").putObject("max").put("field", fields.timestamp());
    return s;
  }

  /** Level of a raw severity value; unknown or missing spellings count as INFO. */
  static Severity level(String raw) {
    if (raw == null || raw.isBlank()) {
      return Severity.INFO;
    }
    try {
      return Severity.parse(raw);
    } catch (IllegalArgumentException e) {
      return Severity.INFO;
    }
  }

  /** Fields the store reads from the mapping, for {@code _mapping/field/…}. */
  List<String> mappingFields() {
    List<String> out = new ArrayList<>();
    LogFields f = fields;
    List<String> named =
        new ArrayList<>(List.of(f.service(), f.severity(), f.body(), f.traceId(), f.timestamp()));
    named.addAll(new java.util.TreeSet<>(labelFields.values()));
    for (String x : named) {
      out.add(x);
      out.add(x + ".keyword");
    }
    out.add(f.attributes() + ".*");
    return out;
  }

  private static String wildcardLiteral(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '*' || c == '?' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
