package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.DataQuality;
import dev.warroom.model.Event;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a bundle folder (layout and formats in docs/bundles.md). Every problem is collected, not
 * just the first: {@code path:line: what} for line-oriented files, {@code path#/json/pointer: what}
 * for JSON documents, {@code path: what} for whole files. The format of a file comes from the
 * manifest's {@code formats} entry for its path, else from its folder, extension and content.
 */
public final class BundleReader {
  private BundleReader() {}

  /**
   * Reads the whole bundle into memory; throws {@link InvalidInputException} with every problem.
   */
  public static IncidentBundle read(Path dir) {
    Collector c = new Collector();
    read(dir, c, ProgressListener.NONE);
    return c.bundle();
  }

  /** A bundle read leniently, with the account of what was skipped. */
  public record Lenient(IncidentBundle bundle, DataQuality quality) {}

  /**
   * Reads the whole bundle into memory, skipping and counting malformed records; throws {@link
   * InvalidInputException} only when nothing is readable.
   */
  public static Lenient readLenient(Path dir) {
    Collector c = new Collector();
    DataQuality q = read(dir, c, ProgressListener.NONE, false);
    return new Lenient(c.bundle(), q);
  }

  /** Every problem of the bundle; empty when it is valid. Never throws for bad content. */
  public static List<String> validate(Path dir) {
    try {
      read(dir, new Discard(), ProgressListener.NONE);
      return List.of();
    } catch (InvalidInputException e) {
      return e.problems();
    }
  }

  /**
   * Streams the bundle into a sink, then throws {@link InvalidInputException} if anything was wrong
   * (the sink will have seen the valid part and must discard it).
   */
  public static void read(Path dir, TelemetrySink sink, ProgressListener progress) {
    read(dir, sink, progress, true);
  }

  /**
   * Streams the bundle into a sink. Strict: as {@link #read(Path, TelemetrySink,
   * ProgressListener)}, any problem throws at the end. Not strict: malformed records, empty files
   * and clocks far off are skipped and counted in the returned account, and only a bundle with
   * nothing readable (no alert and no record) throws.
   */
  public static DataQuality read(
      Path dir, TelemetrySink sink, ProgressListener progress, boolean strict) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": not a bundle folder");
    }
    Problems problems = new Problems(strict);
    AlertSeen alertSeen = new AlertSeen(sink);
    sink = alertSeen;
    List<Path> files;
    // follow links: a suite folder of symlinked bundles must read like the bundles themselves
    // The bundle folder itself may be a link (a suite of symlinked bundles); links inside it
    // that lead out of it are refused, so a bundle cannot make warroom read /etc/passwd.
    Path realRoot;
    try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      realRoot = dir.toRealPath();
      List<Path> inside = new ArrayList<>();
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        if (f.toRealPath().startsWith(realRoot)) {
          inside.add(f);
        } else {
          problems.add(
              FileNames.printable(dir.relativize(f).toString())
                  + ": a symbolic link to a file outside the bundle; refused");
        }
      }
      files = inside;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + dir + ": " + e.getMessage(), e);
    }
    long total = 0;
    for (Path f : files) {
      try {
        total += Files.size(f);
      } catch (IOException e) {
        // counted as 0; the read below reports the failure
      }
    }
    ReadContext.Counter counter = new ReadContext.Counter(progress, total);
    BundleManifest manifest = readManifest(dir, problems);
    Timestamps ts = Timestamps.UTC;
    try {
      ts = Timestamps.inZone(manifest.timeZone());
    } catch (IllegalArgumentException e) {
      problems.add("manifest.json#/timeZone: " + e.getMessage());
    }
    sink.manifest(manifest);
    ReadContext ctx = new ReadContext(dir, ts, problems, sink, counter);
    Path alert = dir.resolve("alert.json");
    if (!Files.isRegularFile(alert)) {
      problems.add(
          "alert.json: missing: a bundle needs an alert (Alertmanager webhook, PagerDuty v3"
              + " webhook or the generic form)");
    }
    Topology topology = null;
    DatabaseFiles.Collector databases = new DatabaseFiles.Collector();
    for (Path f : files) {
      // Names are printed in diagnostics: control characters (ANSI escapes, newlines) escaped.
      String rel = FileNames.printable(dir.relativize(f).toString().replace('\\', '/'));
      ctx.startFile(rel);
      if (problems.full()) {
        break;
      }
      try {
        if (Files.size(f) == 0 && !rel.startsWith("code/")) {
          if (strict) {
            problems.add(rel + ": empty file");
          } else {
            problems.note(rel, "empty file", 1, rel + ": empty file");
          }
          continue;
        }
        String declared = manifest.formats().get(rel);
        Format format = Format.of(rel, declared);
        if (format == Format.ZIPKIN && declared == null && firstByte(f) == '{') {
          format = Format.OTLP_TRACES;
        }
        switch (format) {
          case MANIFEST, IGNORED -> {}
          case ALERT -> {
            JsonNode doc = json(f, rel, problems);
            if (doc != null) {
              try {
                sink.alert(AlertParser.parse(doc, rel));
                problems.record();
              } catch (InvalidInputException e) {
                e.problems().forEach(problems::add);
              }
            }
          }
          case PROMETHEUS -> {
            try (LineReader l = ctx.lines(f)) {
              PrometheusText.read(rel, l, ctx);
            }
          }
          case CSV_METRICS -> {
            try (LineReader l = ctx.lines(f)) {
              MetricsCsv.read(rel, l, ctx);
            }
          }
          case OTLP_METRICS, OTLP_LOGS, OTLP_TRACES -> {
            JsonNode doc = json(f, rel, problems);
            if (doc != null) {
              OtlpJson.read(rel, doc, format, ctx);
            }
          }
          case JSONL_LOGS -> {
            try (LineReader l = ctx.lines(f)) {
              JsonLinesLogs.read(rel, l, ctx);
            }
          }
          case PATTERN_LOGS -> {
            try (LineReader l = ctx.lines(f)) {
              PatternLogs.read(rel, l, declared, ctx);
            }
          }
          case ZIPKIN -> {
            try (InputStream in = ctx.stream(f)) {
              ZipkinSpans.read(rel, in, ctx);
            }
          }
          case K8S_EVENTS -> {
            JsonNode doc = json(f, rel, problems);
            if (doc != null) {
              EventFiles.readKubernetes(rel, doc, ctx);
            }
          }
          case CHANGES_JSONL -> {
            try (LineReader l = ctx.lines(f)) {
              EventFiles.readChanges(rel, l, ctx);
            }
          }
          case TOPOLOGY_JSON -> {
            JsonNode doc = json(f, rel, problems);
            if (doc != null) {
              try {
                topology = ModelJson.topologyFromJson(doc);
              } catch (IllegalArgumentException | NullPointerException e) {
                problems.add(rel + "#/" + e.getMessage());
              }
            }
          }
          case TOPOLOGY_CSV -> {
            try (LineReader l = ctx.lines(f)) {
              topology = TopologyCsv.read(rel, l, ctx);
            }
          }
          case CODE -> readCode(f, rel, ctx);
          case DATABASE -> databases.add(rel, f, problems);
          case UNKNOWN ->
              problems.add(
                  rel
                      + ": unknown file type"
                      + (declared == null ? "" : " '" + declared + "'")
                      + " (see docs/bundles.md for the accepted formats, or declare one in"
                      + " manifest.json formats)");
        }
      } catch (IOException e) {
        problems.add(rel + ": cannot read: " + e.getMessage());
      }
    }
    long[] span = ctx.gate.finish();
    ctx.metrics.emit(sink, span);
    databases.emit(sink, manifest, problems);
    if (topology != null) {
      sink.topology(topology);
    }
    counter.finish();
    if (strict && !problems.isEmpty()) {
      throw new InvalidInputException(problems.list());
    }
    List<String> notes = new ArrayList<>();
    DataQuality q = problems.quality(notes);
    if (q.files().stream().anyMatch(fq -> fq.skipped().containsKey(TimeGate.REASON))) {
      notes.add(
          "a record timed outside "
              + java.time.Instant.ofEpochMilli(span[0])
              + " .. "
              + java.time.Instant.ofEpochMilli(span[1])
              + " (the middle half of the bundle's timestamps, widened by 10 times its width or"
              + " 30 days) was taken as a clock error and skipped");
      q = problems.quality(notes);
    }
    if (!alertSeen.alert && q.recordsTotal() == 0 && !alertSeen.other) {
      List<String> all = new ArrayList<>(problems.list());
      all.add(dir + ": nothing readable: no alert and no telemetry record");
      throw new InvalidInputException(all);
    }
    return q;
  }

  /** Passes everything on, remembering whether an alert, code or database stats were read. */
  private static final class AlertSeen implements TelemetrySink {
    private final TelemetrySink sink;
    boolean alert;
    boolean other;

    AlertSeen(TelemetrySink sink) {
      this.sink = sink;
    }

    @Override
    public void manifest(BundleManifest m) {
      sink.manifest(m);
    }

    @Override
    public void alert(Alert a) {
      alert = true;
      sink.alert(a);
    }

    @Override
    public void series(MetricSeries s) {
      sink.series(s);
    }

    @Override
    public void log(LogRecord r) {
      sink.log(r);
    }

    @Override
    public void span(Span s) {
      sink.span(s);
    }

    @Override
    public void event(Event e) {
      sink.event(e);
    }

    @Override
    public void topology(Topology t) {
      other = true;
      sink.topology(t);
    }

    @Override
    public void code(SourceFile f) {
      other = true;
      sink.code(f);
    }

    @Override
    public void database(dev.warroom.model.DatabaseStats d) {
      other = true;
      sink.database(d);
    }
  }

  private static int firstByte(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      int b;
      while ((b = in.read()) == ' '
          || b == '\n'
          || b == '\r'
          || b == '\t'
          || b == 0xEF
          || b == 0xBB
          || b == 0xBF) {
        // skip blanks and a UTF-8 byte order mark
      }
      return b;
    }
  }

  private static BundleManifest readManifest(Path dir, Problems problems) {
    Path p = dir.resolve("manifest.json");
    if (!Files.isRegularFile(p)) {
      return BundleManifest.empty();
    }
    JsonNode doc = json(p, "manifest.json", problems);
    if (doc == null) {
      return BundleManifest.empty();
    }
    if (!doc.isObject()) {
      problems.add("manifest.json#: expected a JSON object");
      return BundleManifest.empty();
    }
    try {
      return ModelJson.manifestFromJson(doc);
    } catch (IllegalArgumentException e) {
      problems.add("manifest.json#/" + e.getMessage());
      return BundleManifest.empty();
    }
  }

  static JsonNode json(Path f, String rel, Problems problems) {
    try {
      if (Files.size(f) == 0) {
        problems.add(rel + ": empty file");
        return null;
      }
      JsonNode n = ModelJson.MAPPER.readTree(f.toFile());
      if (n == null || n.isMissingNode()) {
        problems.add(rel + ": empty file");
        return null;
      }
      return n;
    } catch (IOException e) {
      problems.add(JsonProblems.at(rel, e));
      return null;
    }
  }

  private static void readCode(Path f, String rel, ReadContext ctx) throws IOException {
    String[] parts = rel.split("/", 3);
    if (parts.length < 3) {
      ctx.problems.add(rel + ": code files belong in code/<service>/<path>");
      return;
    }
    byte[] bytes = Files.readAllBytes(f);
    ctx.counter.add(bytes.length);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return; // binary files of a source snapshot (images, jars) are not code to read
    }
    ctx.sink.code(new SourceFile(parts[1], parts[2], text));
  }

  /** Collects a bundle in memory. */
  private static final class Collector implements TelemetrySink {
    private BundleManifest manifest;
    private Alert alert;
    private final List<MetricSeries> metrics = new ArrayList<>();
    private final List<LogRecord> logs = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private Topology topology;
    private final List<SourceFile> code = new ArrayList<>();
    private final List<dev.warroom.model.DatabaseStats> databases = new ArrayList<>();

    @Override
    public void database(dev.warroom.model.DatabaseStats d) {
      databases.add(d);
    }

    @Override
    public void manifest(BundleManifest m) {
      manifest = m;
    }

    @Override
    public void alert(Alert a) {
      alert = a;
    }

    @Override
    public void series(MetricSeries s) {
      metrics.add(s);
    }

    @Override
    public void log(LogRecord r) {
      logs.add(r);
    }

    @Override
    public void span(Span s) {
      spans.add(s);
    }

    @Override
    public void event(Event e) {
      events.add(e);
    }

    @Override
    public void topology(Topology t) {
      topology = t;
    }

    @Override
    public void code(SourceFile f) {
      code.add(f);
    }

    IncidentBundle bundle() {
      return new IncidentBundle(
          manifest, alert, metrics, logs, spans, events, topology, code, databases);
    }
  }

  /** Drops everything (validation only). */
  private static final class Discard implements TelemetrySink {
    @Override
    public void manifest(BundleManifest m) {}

    @Override
    public void alert(Alert a) {}

    @Override
    public void series(MetricSeries s) {}

    @Override
    public void log(LogRecord r) {}

    @Override
    public void span(Span s) {}

    @Override
    public void event(Event e) {}

    @Override
    public void topology(Topology t) {}

    @Override
    public void code(SourceFile f) {}
  }
}
