package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.DataQuality;
import dev.warroom.model.FileQuality;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each class of messy input is skipped or kept, counted and listed; none refuses the bundle. */
class DataQualityTest {
  @TempDir Path bundle;

  @BeforeEach
  void alert() throws IOException {
    write(
        "alert.json",
        "{\"title\":\"t\",\"source\":\"generic\",\"signal\":\"error_rate\",\"service\":\"cart\","
            + "\"severity\":\"warning\",\"startsAt\":\"2024-05-01T12:00:00Z\",\"labels\":{}}");
  }

  private void write(String rel, String text) throws IOException {
    Path p = bundle.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static String log(int second, String message) {
    return "{\"ts\":\"2024-05-01T12:00:"
        + String.format("%02d", second)
        + "Z\",\"service\":\"cart\",\"level\":\"INFO\",\"message\":\""
        + message
        + "\"}\n";
  }

  private FileQuality file(DataQuality q, String path) {
    return q.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
  }

  private BundleReader.Lenient read() {
    return BundleReader.readLenient(bundle);
  }

  @Test
  void malformedLogLineIsSkippedCountedAndListedAndTheRestLoads() throws IOException {
    write("logs/app.jsonl", log(1, "a") + "{\"ts\": broken\n" + log(2, "b"));
    BundleReader.Lenient r = read();
    assertThat(r.bundle().logs()).extracting(LogRecord::body).containsExactly("a", "b");
    FileQuality f = file(r.quality(), "logs/app.jsonl");
    assertThat(f.records()).isEqualTo(2);
    assertThat(f.skippedTotal()).isEqualTo(1);
    assertThat(f.examples())
        .singleElement()
        .asString()
        .startsWith("logs/app.jsonl:2: invalid JSON");
    assertThat(BundleReader.validate(bundle)).hasSize(1);
  }

  @Test
  void everyBadLineIsCountedEvenPastTheListedExamples() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      sb.append("not json\n");
    }
    sb.append(log(3, "kept"));
    write("logs/app.jsonl", sb.toString());
    BundleReader.Lenient r = read();
    FileQuality f = file(r.quality(), "logs/app.jsonl");
    assertThat(f.skippedTotal()).isEqualTo(250);
    assertThat(f.examples()).hasSize(Problems.EXAMPLES_PER_FILE);
    assertThat(r.bundle().logs()).singleElement().extracting(LogRecord::body).isEqualTo("kept");
  }

  @Test
  void emptyFileIsNotedNotFatalButStrictReadingRefusesIt() throws IOException {
    write("logs/app.jsonl", log(1, "a"));
    write("logs/empty.jsonl", "");
    BundleReader.Lenient r = read();
    assertThat(r.bundle().logs()).hasSize(1);
    assertThat(file(r.quality(), "logs/empty.jsonl").noted()).containsEntry("empty file", 1L);
    assertThat(BundleReader.validate(bundle)).containsExactly("logs/empty.jsonl: empty file");
  }

  @Test
  void clockYearsOffIsSkippedByTheBundlesOwnTimeSpan() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      sb.append(log(i, "ok " + i));
    }
    // a zero-valued .NET DateTime rendered in another calendar, and a host clock 23 years behind
    sb.append(log(1, "x").replace("2024-05-01T12:00:01Z", "1754-08-30T22:43:41Z"));
    sb.append(log(1, "y").replace("2024-05-01T12:00:01Z", "2001-01-01T00:00:00Z"));
    write("logs/app.jsonl", sb.toString());
    BundleReader.Lenient r = read();
    assertThat(r.bundle().logs()).hasSize(50);
    FileQuality f = file(r.quality(), "logs/app.jsonl");
    assertThat(f.skipped())
        .containsEntry(TimeGate.REASON, 1L)
        .containsEntry("/ts: timestamp out of range", 1L);
    assertThat(f.examples())
        .anySatisfy(e -> assertThat(e).startsWith("logs/app.jsonl:52: timestamp 2001-01-01"));
    assertThat(r.quality().notes()).singleElement().asString().contains("clock error");
  }

  @Test
  void aWeekOfHistoryBesideAnIncidentIsNotMistakenForAClockError() throws IOException {
    StringBuilder csv = new StringBuilder("timestamp,series,value\n");
    long t0 = Instant.parse("2024-04-24T12:00:00Z").getEpochSecond();
    for (int i = 0; i < 20; i++) {
      csv.append(t0 + i * 3600L).append(",old,1\n");
    }
    for (int i = 0; i < 500; i++) {
      csv.append(Instant.parse("2024-05-01T12:00:00Z").getEpochSecond() + i).append(",new,2\n");
    }
    write("metrics/m.csv", csv.toString());
    BundleReader.Lenient r = read();
    assertThat(r.quality().skippedTotal()).isZero();
    assertThat(r.bundle().metrics()).extracting(MetricSeries::size).containsExactly(20, 500);
  }

  @Test
  void duplicateSampleKeepsTheFirstAndCountsTheRest() throws IOException {
    write(
        "metrics/m.csv",
        "timestamp,series,value\n1714564800,a,1\n1714564810,a,2\n1714564810,a,9\n");
    BundleReader.Lenient r = read();
    assertThat(r.bundle().metrics().get(0).values()).containsExactly(1, 2);
    FileQuality f = file(r.quality(), "metrics/m.csv");
    assertThat(f.skipped()).containsEntry("duplicate sample", 1L);
    assertThat(f.records()).isEqualTo(2);
    assertThat(f.examples()).singleElement().asString().startsWith("metrics/m.csv:4: duplicate");
  }

  @Test
  void outOfOrderRowsAreSortedAndNoted() throws IOException {
    write(
        "metrics/m.csv",
        "timestamp,series,value\n1714564820,a,3\n1714564800,a,1\n1714564810,a,2\n");
    BundleReader.Lenient r = read();
    assertThat(r.bundle().metrics().get(0).values()).containsExactly(1, 2, 3);
    assertThat(file(r.quality(), "metrics/m.csv").noted())
        .containsEntry("out of time order, sorted", 1L);
    assertThat(BundleReader.validate(bundle)).isEmpty();
  }

  @Test
  void logTimeGoingBackwardsIsKeptAndNoted() throws IOException {
    write("logs/app.jsonl", log(5, "a") + log(3, "b") + log(4, "c") + log(6, "d"));
    BundleReader.Lenient r = read();
    assertThat(r.bundle().logs()).hasSize(4);
    assertThat(file(r.quality(), "logs/app.jsonl").noted())
        .containsEntry("time going backwards (kept)", 1L);
  }

  @Test
  void aWideRowWithOneBadCellIsSkippedWhole() throws IOException {
    write("metrics/wide.csv", "timestamp,a,b\n1714564800,1,2\n1714564810,3,x\n");
    BundleReader.Lenient r = read();
    assertThat(r.bundle().metrics()).extracting(MetricSeries::size).containsExactly(1, 1);
    assertThat(file(r.quality(), "metrics/wide.csv").records()).isEqualTo(2);
  }

  @Test
  void counterResetsGapsNanAndZeroFillsAreKeptAndNoted() throws IOException {
    StringBuilder prom = new StringBuilder();
    long t = 1714564800000L;
    double[] v = {1, 2, 3, 1, 2, 3, 4, 5, 6, 7};
    for (int i = 0; i < v.length; i++) {
      prom.append("reqs_total ").append(v[i]).append(' ').append(t + i * 10_000L).append('\n');
    }
    prom.append("reqs_total 8 ").append(t + 300_000L).append('\n'); // a gap of 30 steps
    double[] w = {5, 6, 0, 0, 0, 5, 6, 7};
    for (int i = 0; i < w.length; i++) {
      prom.append("cpu ").append(w[i]).append(' ').append(t + i * 10_000L).append('\n');
    }
    prom.append("lat NaN ").append(t).append('\n');
    prom.append("lat 1 ").append(t + 10_000L).append('\n');
    write("metrics/m.prom", prom.toString());
    BundleReader.Lenient r = read();
    FileQuality f = file(r.quality(), "metrics/m.prom");
    assertThat(f.skipped()).isEmpty();
    assertThat(f.noted())
        .containsEntry("counter reset", 1L)
        .containsEntry("gap over 5x the series' step", 1L)
        .containsEntry("zero-filled run (kept)", 3L)
        .containsEntry("NaN sample (kept: no value)", 1L);
    assertThat(f.records()).isEqualTo(21);
  }

  @Test
  void everyReaderSkipsItsBadRecordAndKeepsTheRest() throws IOException {
    write("metrics/p.prom", "up 1 1714564800000\nup{ 2 1714564810000\nup 3 1714564820000\n");
    write("metrics/wide.csv", "timestamp,a,b\n1714564800,1,2\n1714564810,x,3\n1714564820,4,5\n");
    write(
        "traces/z.json",
        "[{\"traceId\":\"0000000000000001\",\"id\":\"0000000000000001\",\"name\":\"get\","
            + "\"timestamp\":1714564800000000,\"duration\":10,\"localEndpoint\":{\"serviceName\":\"cart\"}},"
            + "{\"traceId\":\"0000000000000001\",\"id\":\"0000000000000002\",\"name\":\"get\","
            + "\"timestamp\":\"never\",\"duration\":10,\"localEndpoint\":{\"serviceName\":\"cart\"}}]");
    write(
        "events/changes.jsonl",
        "{\"type\":\"deploy\",\"time\":\"2024-05-01T11:59:00Z\",\"service\":\"cart\",\"version\":\"2\"}\n"
            + "{\"type\":\"oops\",\"time\":\"2024-05-01T11:59:00Z\"}\n");
    write(
        "logs/otlp.json",
        "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"cart\"}}]},"
            + "\"scopeLogs\":[{\"logRecords\":["
            + "{\"timeUnixNano\":\"1714564800000000000\",\"severityText\":\"ERROR\",\"body\":{\"stringValue\":\"boom\"}},"
            + "{\"timeUnixNano\":\"soon\",\"body\":{\"stringValue\":\"bad\"}}]}]}]}");
    BundleReader.Lenient r = read();
    DataQuality q = r.quality();
    assertThat(file(q, "metrics/p.prom").skippedTotal()).isEqualTo(1);
    assertThat(file(q, "metrics/p.prom").records()).isEqualTo(2);
    assertThat(file(q, "metrics/wide.csv").skippedTotal()).isEqualTo(1);
    assertThat(file(q, "traces/z.json").skippedTotal()).isEqualTo(1);
    assertThat(file(q, "traces/z.json").records()).isEqualTo(1);
    assertThat(file(q, "events/changes.jsonl").skippedTotal()).isEqualTo(1);
    assertThat(file(q, "events/changes.jsonl").records()).isEqualTo(1);
    assertThat(file(q, "logs/otlp.json").skippedTotal()).isEqualTo(1);
    assertThat(r.bundle().spans()).hasSize(1);
    assertThat(r.bundle().events()).hasSize(1);
    assertThat(r.bundle().logs()).extracting(LogRecord::body).containsExactly("boom");
    assertThat(q.skippedTotal()).isEqualTo(5);
  }

  @Test
  void aBadOtlpDataPointIsSkippedAndTheMetricsOtherPointsKept() throws IOException {
    write(
        "metrics/otlp.json",
        "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"cpu\",\"gauge\":"
            + "{\"dataPoints\":["
            + "{\"timeUnixNano\":\"1714564800000000000\",\"asDouble\":1},"
            + "{\"timeUnixNano\":\"1714564810000000000\",\"asDouble\":\"lots\"},"
            + "{\"timeUnixNano\":\"1714564820000000000\",\"asDouble\":3}]}}]}]}]}");
    BundleReader.Lenient r = read();
    assertThat(r.bundle().metrics().getFirst().values()).containsExactly(1, 3);
    FileQuality f = file(r.quality(), "metrics/otlp.json");
    assertThat(f.records()).isEqualTo(2);
    assertThat(f.skippedTotal()).isEqualTo(1);
    assertThat(f.examples())
        .singleElement()
        .asString()
        .startsWith(
            "metrics/otlp.json#/resourceMetrics/0/scopeMetrics/0/metrics/0/gauge/dataPoints/1/");
  }

  @Test
  void aBrokenTopologyFileIsSkippedNotFatal() throws IOException {
    write("logs/app.jsonl", log(1, "a"));
    write("topology.json", "{\"edges\": [");
    BundleReader.Lenient r = read();
    assertThat(r.bundle().logs()).hasSize(1);
    assertThat(file(r.quality(), "topology.json").skippedTotal()).isEqualTo(1);
  }

  @Test
  void onlyABundleWithNothingReadableIsRefused() throws IOException {
    Files.delete(bundle.resolve("alert.json"));
    write("logs/app.jsonl", "garbage\n");
    assertThatThrownBy(this::read)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "logs/app.jsonl:1: invalid JSON: Unrecognized token 'garbage': was"
                            + " expecting (JSON String, Number, Array, Object or token 'null', 'true'"
                            + " or 'false')")
                    .last()
                    .asString()
                    .endsWith("nothing readable: no alert and no telemetry record"));
    write("logs/more.jsonl", log(1, "a"));
    assertThat(read().bundle().logs()).hasSize(1);
  }

  // ---- logs in any layout ---------------------------------------------------------------

  private LogRecord onlyLog(String line) throws IOException {
    write("logs/app.jsonl", line + "\n");
    BundleReader.Lenient r = read();
    assertThat(r.quality().skippedTotal()).as("%s", r.quality()).isZero();
    return r.bundle().logs().getFirst();
  }

  @Test
  void levelIsToldByTheTextWhenNoFieldGivesIt() throws IOException {
    assertThat(
            onlyLog("{\"time\":\"2024-05-01T12:00:00Z\",\"msg\":\"ERROR payment declined\"}")
                .severity())
        .isEqualTo(Severity.ERROR);
    assertThat(
            onlyLog("{\"time\":\"2024-05-01T12:00:00Z\",\"msg\":\"java.io.IOException: reset\"}")
                .severity())
        .isEqualTo(Severity.ERROR);
    assertThat(
            onlyLog("{\"time\":\"2024-05-01T12:00:00Z\",\"msg\":\"level=warn slow call\"}")
                .severity())
        .isEqualTo(Severity.WARN);
    assertThat(onlyLog("{\"time\":\"2024-05-01T12:00:00Z\",\"msg\":\"served GET /\"}").severity())
        .isEqualTo(Severity.INFO);
    assertThat(
            onlyLog(
                    "{\"time\":\"2024-05-01T12:00:00Z\",\"level\":\"weird\",\"msg\":\"Warning: x\"}")
                .severity())
        .isEqualTo(Severity.WARN);
    assertThat(onlyLog("{\"time\":1714564800,\"level\":50,\"msg\":\"pino\"}").severity())
        .isEqualTo(Severity.ERROR);
  }

  @Test
  void jsonInsideJsonIsTheApplicationsOwnRecord() throws IOException {
    LogRecord r =
        onlyLog(
            "{\"log\":\"{\\\"level\\\":\\\"error\\\",\\\"msg\\\":\\\"db down\\\",\\\"ts\\\":1714564800123,"
                + "\\\"order\\\":42}\\n\",\"stream\":\"stderr\",\"time\":\"2024-05-01T12:00:00.5Z\","
                + "\"kubernetes\":{\"pod_name\":\"checkout-7d9f8c6b5d-x2x4q\",\"labels\":{\"app\":\"checkout\"}}}");
    assertThat(r.body()).isEqualTo("db down");
    assertThat(r.severity()).isEqualTo(Severity.ERROR);
    assertThat(r.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.5Z"));
    assertThat(r.service()).isEqualTo("checkout");
    assertThat(r.attributes()).containsEntry("order", "42").containsEntry("stream", "stderr");
  }

  @Test
  void timestampFieldsAndEpochUnitsOfCommonLayouts() throws IOException {
    Instant t = Instant.parse("2024-05-01T12:00:00Z");
    for (String line :
        List.of(
            "{\"@timestamp\":\"2024-05-01T12:00:00Z\",\"message\":\"m\"}",
            "{\"TimeUnixNano\":1714564800000000000,\"body\":\"m\"}",
            "{\"ts\":1714564800000,\"msg\":\"m\"}",
            "{\"ts\":1714564800000000,\"msg\":\"m\"}",
            "{\"timestamp\":1714564800.0,\"msg\":\"m\"}")) {
      assertThat(onlyLog(line).timestamp()).as(line).isEqualTo(t);
    }
  }

  @Test
  void serviceComesFromWhicheverFieldNamesIt() throws IOException {
    String ts = "{\"ts\":\"2024-05-01T12:00:00Z\",\"message\":\"m\",";
    assertThat(onlyLog(ts + "\"service.name\":\"a\",\"app\":\"b\"}").service()).isEqualTo("a");
    assertThat(onlyLog(ts + "\"container\":\"c\",\"app\":\"b\"}").service()).isEqualTo("b");
    assertThat(onlyLog(ts + "\"pod\":\"cartservice-74f56fd4b-x8n2p\"}").service())
        .isEqualTo("cartservice");
    assertThat(onlyLog(ts + "\"pod\":\"redis-0\"}").service()).isEqualTo("redis");
    assertThat(onlyLog(ts + "\"container\":\"payment\"}").service()).isEqualTo("payment");
    assertThat(onlyLog(ts + "\"x\":1}").service()).isEqualTo("app");
  }

  @Test
  void podNamesLoseTheirHashesButNotTheirWords() {
    assertThat(LogFields.serviceOfPod("frontend-5f6585d649-fnmft")).isEqualTo("frontend");
    assertThat(LogFields.serviceOfPod("ad-service-v2-7c8b9d6f5c-x2x4q")).isEqualTo("ad-service-v2");
    assertThat(LogFields.serviceOfPod("node-exporter-x7k2p")).isEqualTo("node-exporter");
    assertThat(LogFields.serviceOfPod("payment-service")).isEqualTo("payment-service");
  }
}
