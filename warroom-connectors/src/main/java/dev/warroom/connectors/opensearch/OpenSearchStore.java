package dev.warroom.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.connectors.HttpReader;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.TimeWindow;
import dev.warroom.model.WarroomException;
import dev.warroom.store.LogCount;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.TelemetryStore;
import dev.warroom.store.UnsupportedQueryException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Logs in OpenSearch or Elasticsearch (7 and 8 share this part of the {@code _search} DSL), read
 * with the query DSL: {@link #logs} is a {@code bool} filter sorted by time with {@code
 * search_after} paging, {@link #logCounts} a composite aggregation (time bucket × service ×
 * severity) computed by the backend, {@link #summary} a terms aggregation per service with the
 * first and last timestamp. Field names follow {@link LogFields} (OpenTelemetry or ECS presets,
 * each overridable in the source's options); the index mapping is read once to find each field's
 * exact-value form. Every result's native query is the DSL body sent, byte for byte (dialect
 * {@value #DIALECT}). Metrics, traces, events, topology and code are not read here: those queries
 * throw {@link UnsupportedQueryException}.
 *
 * <p>Needs, on the log indices, the {@code read} privilege and {@code indices:admin/mappings/get};
 * for {@link #check} also {@code cluster:monitor/main} and {@code cluster:monitor/health}.
 */
public final class OpenSearchStore implements dev.warroom.connectors.LiveStore {
  public static final String DIALECT = "opensearch-dsl";

  /** Largest page of hits (OpenSearch's default {@code index.max_result_window}). */
  static final int PAGE = 10_000;

  /** Composite aggregation page, and the most count rows one {@link #logCounts} returns. */
  static final int COUNT_PAGE = 1_000;

  static final int DEFAULT_MAX_COUNT_ROWS = 10_000;

  private final SourceConfig source;
  private final HttpReader http;
  private final LogFields fields;
  private final int maxGroups;
  private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
  private volatile MappedFields mapped;

  /** No I/O here; the first query reads the mapping. */
  public OpenSearchStore(SourceConfig source) {
    if (source.type() != SourceConfig.Type.OPENSEARCH
        && source.type() != SourceConfig.Type.ELASTICSEARCH) {
      throw new InvalidInputException(
          "source " + source.name() + ": type " + source.type().id() + " is not opensearch");
    }
    this.source = source;
    this.fields = LogFields.of(source);
    try {
      this.maxGroups = Integer.parseInt(source.option("maxGroups", "" + DEFAULT_MAX_COUNT_ROWS));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "source " + source.name() + ": options.maxGroups: expected a whole number");
    }
    if (maxGroups < 1) {
      throw new InvalidInputException(
          "source " + source.name() + ": options.maxGroups: expected at least 1");
    }
    this.http = new HttpReader(source);
  }

  /** The connector for an {@code opensearch} or {@code elasticsearch} source. */
  public static TelemetryStore open(SourceConfig source) {
    return new OpenSearchStore(source);
  }

  @Override
  public SourceConfig source() {
    return source;
  }

  /** A new investigation: the source's query budget is renewed. */
  @Override
  public void startInvestigation() {
    http.resetBudget();
  }

  /** The HTTP reader, whose {@link HttpReader#sent} lists every request sent. */
  public HttpReader reader() {
    return http;
  }

  /**
   * Documents skipped since the store was opened, per reason ("no @timestamp", "unparsable
   *
   * @timestamp", "no resource.service.name", …).
   */
  public Map<String, Long> skipped() {
    Map<String, Long> out = new TreeMap<>();
    skipped.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public void check() {
    JsonNode root = json(http.get("/"), "/");
    if (!root.path("version").has("number")) {
      throw new WarroomException.NonRetriable(
          where() + ": GET / did not answer like OpenSearch or Elasticsearch", null);
    }
    JsonNode health = json(http.get("/_cluster/health"), "/_cluster/health");
    if ("red".equals(health.path("status").asText())) {
      throw new WarroomException.NonRetriable(where() + ": cluster health is red", null);
    }
    String probe = searchPath() + "?ignore_unavailable=true&allow_no_indices=true";
    JsonNode r = json(http.postRead(probe, "{\"size\":0}"), probe);
    if (r.path("_shards").path("total").asInt(0) == 0) {
      throw new WarroomException.NonRetriable(
          where() + ": no index matches '" + fields.index() + "'", null);
    }
    mapped();
  }

  @Override
  public QueryResult<LogRecord> logs(LogQuery query) {
    LogSearch dsl = new LogSearch(fields, mapped(), extraAttributes());
    LogDocuments docs = new LogDocuments(fields, extraAttributes());
    List<LogRecord> rows = new ArrayList<>();
    String first = null;
    JsonNode after = null;
    boolean more = false;
    while (rows.size() < query.limit()) {
      int size = Math.min(PAGE, query.limit() - rows.size());
      String body = text(dsl.search(query, size, (long) query.limit() + 1, after));
      first = first == null ? body : first;
      JsonNode r = json(http.postRead(searchPath(), body), searchPath());
      JsonNode hits = r.path("hits").path("hits");
      for (JsonNode hit : hits) {
        switch (docs.read(hit)) {
          case LogDocuments.Read.Ok ok -> rows.add(ok.record());
          case LogDocuments.Read.Skipped s ->
              skipped.computeIfAbsent(s.reason(), k -> new LongAdder()).increment();
        }
      }
      more = hits.size() == size;
      if (!more || hits.isEmpty()) {
        break;
      }
      after = hits.get(hits.size() - 1).path("sort");
      if (rows.size() >= query.limit()) {
        // hits.total, counted up to limit + 1, says whether more match than were returned
        long total = r.path("hits").path("total").path("value").asLong(0);
        more = total > query.limit();
      }
    }
    return new QueryResult<>(rows, DIALECT, first, more);
  }

  @Override
  public QueryResult<LogCount> logCounts(LogCountQuery query) {
    LogSearch dsl = new LogSearch(fields, mapped(), extraAttributes());
    if (query.bucket() == null && query.groupBy().isEmpty()) {
      String body = text(dsl.counts(query, COUNT_PAGE, null));
      JsonNode r = json(http.postRead(searchPath(), body), searchPath());
      long total = r.path("hits").path("total").path("value").asLong(0);
      return new QueryResult<>(
          List.of(new LogCount(null, null, null, total)), DIALECT, body, false);
    }
    // Raw severity spellings (ERROR, error, err) fold into one level here: buckets, not records.
    Map<Key, Long> counts = new LinkedHashMap<>();
    String first = null;
    JsonNode after = null;
    boolean truncated = false;
    int buckets = 0;
    while (true) {
      int page = Math.min(COUNT_PAGE, maxGroups - buckets);
      String body = text(dsl.counts(query, page, after));
      first = first == null ? body : first;
      JsonNode agg =
          json(http.postRead(searchPath(), body), searchPath()).path("aggregations").path("counts");
      for (JsonNode b : agg.path("buckets")) {
        JsonNode k = b.path("key");
        Instant t = k.has("t") ? Instant.ofEpochMilli(k.get("t").asLong()) : null;
        String svc =
            k.has("service") && !k.get("service").isNull() ? k.get("service").asText() : null;
        Severity sev =
            query.groupBy().contains(LogCountQuery.GroupBy.SEVERITY)
                ? LogSearch.level(
                    k.path("severity").isNull() ? null : k.path("severity").asText(null))
                : null;
        counts.merge(new Key(t, svc, sev), b.path("doc_count").asLong(), Long::sum);
        buckets++;
      }
      after = agg.get("after_key");
      if (after == null || agg.path("buckets").size() < page) {
        break;
      }
      if (buckets >= maxGroups) {
        // the cap on rows is reached; the backend may hold more groups
        truncated = true;
        break;
      }
    }
    List<LogCount> rows = new ArrayList<>();
    counts.forEach((k, n) -> rows.add(new LogCount(k.t, k.service, k.severity, n)));
    rows.sort(
        Comparator.comparing(
                LogCount::bucketStart, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(LogCount::service, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(LogCount::severity, Comparator.nullsFirst(Comparator.naturalOrder())));
    return new QueryResult<>(rows, DIALECT, first, truncated);
  }

  private record Key(Instant t, String service, Severity severity) {}

  @Override
  public StoreSummary summary() {
    String body = text(new LogSearch(fields, mapped(), extraAttributes()).summary(maxGroups));
    JsonNode r = json(http.postRead(searchPath(), body), searchPath());
    long total = r.path("hits").path("total").path("value").asLong(0);
    List<StoreSummary.ServiceSummary> services = new ArrayList<>();
    for (JsonNode b : r.path("aggregations").path("services").path("buckets")) {
      services.add(
          new StoreSummary.ServiceSummary(
              b.path("key").asText(), 0, 0, b.path("doc_count").asLong(), 0, 0, 0));
    }
    services.sort(Comparator.comparing(StoreSummary.ServiceSummary::service));
    JsonNode min = r.path("aggregations").path("first").path("value");
    JsonNode max = r.path("aggregations").path("last").path("value");
    TimeWindow range =
        min.isNumber() && max.isNumber()
            ? new TimeWindow(Instant.ofEpochMilli(min.asLong()), Instant.ofEpochMilli(max.asLong()))
            : null;
    return new StoreSummary(0, 0, total, 0, 0, 0, services, range);
  }

  /** The mapping of the configured fields, read once. */
  MappedFields mapped() {
    MappedFields m = mapped;
    if (m == null) {
      String path =
          "/"
              + enc(fields.index())
              + "/_mapping/field/"
              + String.join(
                  ",",
                  new LogSearch(fields, null, extraAttributes())
                      .mappingFields().stream().map(OpenSearchStore::enc).toList())
              + "?ignore_unavailable=true&allow_no_indices=true";
      m = MappedFields.parse(json(http.get(path), path));
      mapped = m;
    }
    return m;
  }

  private Map<String, String> extraAttributes() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String role : List.of("pod", "node", "namespace")) {
      String field = source.label(role);
      if (!field.equals(role)) {
        out.put(role, field);
      }
    }
    return out;
  }

  private String searchPath() {
    return "/" + enc(fields.index()) + "/_search";
  }

  private String where() {
    return "source " + source.name() + " (" + source.type().id() + ")";
  }

  private JsonNode json(HttpReader.Response r, String path) {
    try {
      return LogSearch.JSON.readTree(r.body());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new WarroomException.NonRetriable(
          where() + " " + path + ": the answer is not JSON (" + e.getOriginalMessage() + ")", null);
    }
  }

  private static String text(ObjectNode n) {
    try {
      return LogSearch.JSON.writeValueAsString(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Path-segment encoding that keeps the characters index patterns use ({@code * , -}). */
  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2A", "*")
        .replace("%40", "@")
        .replace("%2C", ",");
  }

  @Override
  public UnsupportedQueryException unsupported(String what) {
    return new UnsupportedQueryException(
        where() + " holds logs only; it cannot answer " + what + " queries");
  }

  @Override
  public void close() {}
}
