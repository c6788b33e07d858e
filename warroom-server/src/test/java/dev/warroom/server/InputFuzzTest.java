package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.dsl.ActorCatalog;
import dev.warroom.dsl.Runbooks;
import dev.warroom.engine.actors.ActorRegistry;
import dev.warroom.engine.director.ActorSignatures;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SeriesKey;
import dev.warroom.model.Severity;
import dev.warroom.model.Span;
import dev.warroom.model.SpanKind;
import dev.warroom.model.SpanStatus;
import dev.warroom.store.bundle.OtlpJsonImport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing (issue 15) of the service's input paths: valid inputs of each kind are mutated (a byte
 * replaced, a range deleted or duplicated, truncation, a structural character inserted; up to six
 * edits) or replaced by random bytes, and each target must answer with its input error ({@link
 * InvalidInputException}, or 413 for the archive limits), never another exception, and an archive
 * never writes outside its folder. Mutation-based fuzzing in the manner of AFL's havoc stage,
 * seeded: tries are CI-bounded (a few thousand per target) and a failure names the seed and try to
 * replay ({@code -Dwarroom.fuzz.seed=N} explores another sequence).
 */
class InputFuzzTest {
  static final String ALERTMANAGER =
      AlertWebhookTest.alertmanager("firing", "fp-1", "2026-01-01T10:00:00Z");
  static final String OPSGENIE =
      "{\"action\":\"Create\",\"alert\":{\"alertId\":\"a1\",\"alias\":\"og-1\",\"message\":\"db"
          + " down\",\"createdAt\":1767261600000,\"priority\":\"P1\",\"details\":{\"service\":\"db\"}}}";
  static final String PAGERDUTY =
      "{\"event\":{\"id\":\"e1\",\"event_type\":\"incident.triggered\",\"occurred_at\":"
          + "\"2026-01-01T10:00:00Z\",\"data\":{\"id\":\"PD1\",\"type\":\"incident\",\"title\":"
          + "\"payments slow\",\"status\":\"triggered\",\"created_at\":\"2026-01-01T10:00:00Z\","
          + "\"service\":{\"summary\":\"payments\"}}}}";
  static final String GENERIC =
      "{\"title\":\"error rate high\",\"service\":\"api\",\"startsAt\":\"2026-01-01T10:00:00Z\","
          + "\"labels\":{\"env\":\"prod\"}}";
  static final String RUNBOOK =
      """
      runbook http_errors "Elevated HTTP 5xx" {
        when alert.signal in [error_rate, http_5xx]
        budget queries 60, seconds 20
        step impact = impact_analysis(service: alert.service, window: alert.window)
        hypothesis "dependency" {
          step errs = error_localization(services: impact.failing_services, window: alert.window)
          require errs.found and not (errs.found == false)
        }
        parallel { conclude }
      }
      """;

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final LogRecord LOG =
      new LogRecord(T0, "cart", Severity.ERROR, "boom", Map.of("k", "v"), null, null);
  static final Span SPAN =
      new Span(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          null,
          "cart",
          "GET /cart",
          SpanKind.SERVER,
          T0,
          Duration.ofMillis(5),
          SpanStatus.ERROR,
          Map.of(),
          List.of());
  static final MetricSeries SERIES =
      new MetricSeries(
          SeriesKey.of("cpu", "service", "cart"),
          new long[] {T0.toEpochMilli(), T0.toEpochMilli() + 60_000},
          new double[] {0.5, 0.9});

  static final long SEED = Long.getLong("warroom.fuzz.seed", 15L);

  @TempDir Path scratch;

  /**
   * Runs {@code check} on {@code tries} inputs mutated from {@code seeds}; fails naming the try.
   */
  static void fuzz(String target, int tries, List<byte[]> seeds, Consumer<byte[]> check) {
    SplittableRandom random = new SplittableRandom(SEED ^ target.hashCode());
    for (int t = 0; t < tries; t++) {
      byte[] input = next(random, seeds);
      try {
        check.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            target + ": try " + t + " (seed " + SEED + ") failed on input " + preview(input), e);
      }
    }
    System.out.printf("fuzz %s: %d tries, 0 crashes (seed %d)%n", target, tries, SEED);
  }

  static byte[] next(SplittableRandom r, List<byte[]> seeds) {
    if (r.nextInt(9) == 0) {
      byte[] b = new byte[r.nextInt(600)];
      r.nextBytes(b);
      return b;
    }
    byte[] out = seeds.get(r.nextInt(seeds.size())).clone();
    int edits = r.nextInt(7);
    for (int i = 0; i < edits; i++) {
      out =
          apply(
              out, new int[] {r.nextInt(5), r.nextInt(1 << 20), 1 + r.nextInt(64), r.nextInt(256)});
    }
    return out;
  }

  static String preview(byte[] b) {
    String s = new String(b, 0, Math.min(b.length, 300), StandardCharsets.ISO_8859_1);
    return Names.quoted(s) + " (" + b.length + " bytes)";
  }

  static byte[] apply(byte[] in, int[] o) {
    if (in.length == 0) {
      return new byte[] {(byte) o[3]};
    }
    int at = o[1] % in.length;
    int len = Math.min(o[2], in.length - at);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    switch (o[0]) {
      case 0 -> { // flip one byte
        byte[] c = in.clone();
        c[at] = (byte) o[3];
        return c;
      }
      case 1 -> { // delete a range
        b.write(in, 0, at);
        b.write(in, at + len, in.length - at - len);
      }
      case 2 -> { // duplicate a range
        b.write(in, 0, at + len);
        b.write(in, at, in.length - at);
      }
      case 3 -> { // truncate
        b.write(in, 0, at);
      }
      default -> { // insert a structural character
        byte[] chars = "{}[]\",:0-e\\\u0000".getBytes(StandardCharsets.UTF_8);
        b.write(in, 0, at);
        b.write(chars[o[3] % chars.length]);
        b.write(in, at, in.length - at);
      }
    }
    return b.toByteArray();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void webhookParsersAnswerOnlyWithInputErrors() {
    fuzz(
        "webhooks",
        3000,
        List.of(utf8(ALERTMANAGER), utf8(OPSGENIE), utf8(PAGERDUTY), utf8(GENERIC)),
        body -> {
          for (AlertIntake.Kind kind : AlertIntake.Kind.values()) {
            try {
              assertThat(AlertIntake.parse(kind, body)).isNotEmpty();
            } catch (InvalidInputException e) {
              assertThat(e.problems()).isNotEmpty();
            }
          }
        });
  }

  @Test
  void otlpProtobufDecoderAnswersOnlyWithInputErrors() {
    fuzz(
        "otlp-protobuf",
        3000,
        List.of(
            OtlpRequests.logs(List.of(LOG, LOG), 10).getFirst().toByteArray(),
            OtlpRequests.spans(List.of(SPAN), 10).getFirst().toByteArray(),
            OtlpRequests.metrics(List.of(SERIES), 10).getFirst().toByteArray()),
        body -> {
          for (OtlpReceiver.Signal s : OtlpReceiver.Signal.values()) {
            try {
              OtlpProtobuf.decode(s, body);
            } catch (InvalidInputException e) {
              assertThat(e.problems()).isNotEmpty();
            }
          }
        });
  }

  @Test
  void otlpJsonDecoderAnswersOnlyWithInputErrors() {
    fuzz(
        "otlp-json",
        3000,
        List.of(
            utf8(OtlpReceiverTest.LOGS),
            utf8(OtlpReceiverTest.TRACES),
            utf8(OtlpSpecTest.TRACES),
            utf8(
                "{\"resourceMetrics\":[{\"resource\":{},\"scopeMetrics\":[{\"metrics\":[{\"name\":"
                    + "\"cpu\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"1714565110000000000\","
                    + "\"asDouble\":0.5}]}}]}]}]}")),
        body -> {
          for (OtlpReceiver.Signal s : OtlpReceiver.Signal.values()) {
            try {
              OtlpReceiver.checkTopLevel(s, body);
              OtlpJsonImport.parse(body, "body");
            } catch (InvalidInputException e) {
              assertThat(e.problems()).isNotEmpty();
            }
          }
        });
  }

  static List<byte[]> archives() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      z.putNextEntry(new ZipEntry("bundle/alert.json"));
      z.write(utf8(GENERIC));
      z.closeEntry();
      z.putNextEntry(new ZipEntry("bundle/logs/app.jsonl"));
      z.write(utf8("{\"ts\":\"2026-01-01T10:00:00Z\",\"service\":\"a\",\"message\":\"x\"}\n"));
      z.closeEntry();
    }
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    byte[] data = utf8(GENERIC);
    tar.write(UploadLimitsTest.tarHeader("bundle/alert.json", data.length));
    tar.write(data);
    tar.write(new byte[512 - data.length % 512 + 1024]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(tar.toByteArray());
    }
    return List.of(zip.toByteArray(), tar.toByteArray(), gz.toByteArray());
  }

  @Test
  void uploadUnpackingAnswersOnlyWithInputErrorsAndStaysInItsFolder() throws IOException {
    UploadLimits small = new UploadLimits(1 << 20, 1 << 20, 1 << 20, 1 << 19);
    fuzz(
        "upload-unpacking",
        1500,
        archives(),
        body -> {
          try {
            Path out = Files.createDirectory(scratch.resolve("u"));
            try {
              BundleUploads.unpack(new ByteArrayInputStream(body), out, small);
            } catch (InvalidInputException | UploadLimits.TooLarge | IOException e) {
              // answered as 400 / 413 by the upload route
            }
            try (Stream<Path> s = Files.list(scratch)) {
              assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("u");
            }
            delete(out);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Test
  void runbookParserCheckerAndFormatterNeverThrow() {
    ActorCatalog catalog = ActorSignatures.catalog(ActorRegistry.standard());
    fuzz("runbook-dsl", 3000, List.of(utf8(RUNBOOK)), text -> runbook(text, catalog));
  }

  private static void runbook(byte[] text, ActorCatalog catalog) {
    String source = new String(text, StandardCharsets.UTF_8);
    var r = Runbooks.check(source, catalog);
    assertThat(r).isNotNull();
    if (Runbooks.parse(source).ok()) {
      assertThat(Runbooks.format(source)).isNotBlank();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
