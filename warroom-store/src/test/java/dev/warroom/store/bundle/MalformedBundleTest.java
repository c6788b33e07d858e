package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.InvalidInputException;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each malformed input gives a precise {@code path:line:} or {@code path#/pointer:} problem, every
 * problem is reported (not only the first), and a store that was loaded before is unchanged.
 */
class MalformedBundleTest {
  @TempDir Path tmp;
  Path bundle;

  @BeforeEach
  void copyValidBundle() throws IOException {
    bundle = tmp.resolve("b");
    Path src = HandwrittenBundleTest.handwritten();
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        Path dst = bundle.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
    }
    assertThat(BundleReader.validate(bundle)).isEmpty();
  }

  private List<String> problems() {
    return BundleReader.validate(bundle);
  }

  private void write(String rel, String text) throws IOException {
    Files.writeString(bundle.resolve(rel), text, StandardCharsets.UTF_8);
  }

  private void replace(String rel, String from, String to) throws IOException {
    String s = Files.readString(bundle.resolve(rel));
    assertThat(s).contains(from);
    write(rel, s.replace(from, to));
  }

  @Test
  void truncatedZipkinFileNamesLineAndColumn() throws IOException {
    String s = Files.readString(bundle.resolve("traces/zipkin.json"));
    write("traces/zipkin.json", s.substring(0, s.indexOf("\"select cart\"")));
    assertThat(problems())
        .singleElement()
        .asString()
        .matches("traces/zipkin.json:\\d+:\\d+: invalid JSON: Unexpected end-of-input.*");
  }

  @Test
  void truncatedJsonLineNamesTheLine() throws IOException {
    String s = Files.readString(bundle.resolve("logs/app.jsonl"));
    write("logs/app.jsonl", s.substring(0, s.indexOf("\"pool exhausted")));
    assertThat(problems())
        .singleElement()
        .asString()
        .startsWith("logs/app.jsonl:3: invalid JSON: Unexpected end-of-input");
  }

  @Test
  void wrongTypesAreReportedWithTheField() throws IOException {
    // a numeric level is an OpenTelemetry severity number or a Bunyan level, no longer a problem
    replace("logs/app.jsonl", "\"level\":\"ERROR\"", "\"level\":5");
    replace("events/changes.jsonl", "\"from_replicas\":3", "\"from_replicas\":\"three\"");
    replace("traces/zipkin.json", "\"duration\": 3012000", "\"duration\": \"slow\"");
    assertThat(problems())
        .containsExactlyInAnyOrder(
            "events/changes.jsonl:4: /from_replicas: expected an integer, got \"three\"",
            "traces/zipkin.json#/0/duration: expected microseconds, got VALUE_STRING");
  }

  @Test
  void unknownEnumValuesNameTheAcceptedOnes() throws IOException {
    // an unknown level word is no problem: the message's text tells the level
    replace("logs/app.jsonl", "\"level\":\"WARNING\"", "\"level\":\"LOUD\"");
    replace("traces/zipkin.json", "\"kind\": \"CLIENT\"", "\"kind\": \"SIDEWAYS\"");
    replace("events/changes.jsonl", "\"type\":\"scaling\"", "\"type\":\"teleport\"");
    replace("events/k8s.json", "\"type\": \"Warning\"", "\"type\": \"Dire\"");
    assertThat(problems())
        .containsExactlyInAnyOrder(
            "traces/zipkin.json#/1/kind: unknown span kind 'SIDEWAYS' (expected CLIENT, SERVER, PRODUCER or CONSUMER)",
            "events/changes.jsonl:4: /type: unknown event type 'teleport' (expected deploy, config, feature_flag, scaling, restart or kubernetes)",
            "events/k8s.json#/items/0/type: unknown event type 'Dire' (expected Normal or Warning)");
  }

  @Test
  void timestampsOutOfRangeAreRejected() throws IOException {
    replace("logs/app.jsonl", "2024-05-01T12:00:01.123456789Z", "1969-12-31T23:59:59Z");
    replace("metrics/node.prom", "0.5 1714564800000", "0.5 -5");
    replace("metrics/wide.csv", "1714564920000", "99999999999999999999");
    List<String> p = problems();
    assertThat(p).hasSize(4); // the node.prom edit hits two samples, lines 3 and 6
    assertThat(p.get(0)).startsWith("logs/app.jsonl:1: /ts: timestamp out of range (before 1970)");
    assertThat(p).anySatisfy(x -> assertThat(x).startsWith("metrics/node.prom:6: "));
    assertThat(p)
        .anySatisfy(
            x ->
                assertThat(x)
                    .startsWith("metrics/wide.csv:4: timestamp out of range (after 2262-04-11)"));
  }

  @Test
  void aTenMegabyteLineIsRejectedWithoutStoppingTheFile() throws IOException {
    try (OutputStream out =
        Files.newOutputStream(bundle.resolve("logs/app.jsonl"), StandardOpenOption.APPEND)) {
      out.write(
          "{\"ts\":1714565200,\"service\":\"cart\",\"message\":\""
              .getBytes(StandardCharsets.UTF_8));
      out.write("x".repeat(10 << 20).getBytes(StandardCharsets.US_ASCII));
      out.write(
          "\"}\n{\"ts\":1714565201,\"service\":\"cart\",\"message\":42}\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    assertThat(problems())
        .containsExactly(
            "logs/app.jsonl:6: line longer than 1048576 bytes",
            "logs/app.jsonl:7: /message: expected a string, got VALUE_NUMBER_INT");
  }

  @Test
  void emptyFilesAreNamed() throws IOException {
    write("metrics/node.prom", "");
    write("alert.json", "");
    assertThat(problems())
        .containsExactlyInAnyOrder("alert.json: empty file", "metrics/node.prom: empty file");
  }

  @Test
  void nonUtf8BytesAreReportedWithTheLine() throws IOException {
    byte[] bad = {
      'f',
      'o',
      'o',
      '{',
      'a',
      '=',
      '"',
      (byte) 0xff,
      (byte) 0xfe,
      '"',
      '}',
      ' ',
      '1',
      ' ',
      '1',
      '7',
      '1',
      '4',
      '5',
      '6',
      '4',
      '8',
      '0',
      '0',
      '0',
      '0',
      '0',
      '\n'
    };
    Files.write(bundle.resolve("metrics/node.prom"), bad, StandardOpenOption.APPEND);
    byte[] badJson =
        "{\"ts\":1714565200,\"service\":\"cart\",\"message\":\"caf\u00e9"
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(bundle.resolve("logs/app.jsonl"), badJson, StandardOpenOption.APPEND);
    Files.write(
        bundle.resolve("logs/app.jsonl"),
        "\"}\n".getBytes(StandardCharsets.US_ASCII),
        StandardOpenOption.APPEND);
    List<String> p = problems();
    assertThat(p).contains("metrics/node.prom:9: not valid UTF-8");
    assertThat(p)
        .anySatisfy(x -> assertThat(x).startsWith("logs/app.jsonl:6: invalid JSON: Invalid UTF-8"));
  }

  @Test
  void aBundleWithoutAlertIsRejected() throws IOException {
    Files.delete(bundle.resolve("alert.json"));
    assertThat(problems())
        .containsExactly(
            "alert.json: missing: a bundle needs an alert (Alertmanager webhook, PagerDuty v3 webhook or the generic form)");
  }

  @Test
  void alertProblemsCarryJsonPointers() throws IOException {
    replace(
        "alert.json", "\"startsAt\": \"2024-05-01T12:05:30.000Z\"", "\"startsAt\": \"yesterday\"");
    assertThat(problems())
        .containsExactly(
            "alert.json#/alerts/0/startsAt: not a timestamp: 'yesterday' (expected RFC 3339 or epoch s/ms/us/ns)");
  }

  @Test
  void rawLogWithoutDeclaredPatternIsReadByItsLeadingDateTimes() throws IOException {
    Files.writeString(
        bundle.resolve("logs/other.log"),
        "2024-05-01 12:00:00 hello\n"
            + "2024-05-01 12:00:01,250 ERROR boom\n"
            + "java.lang.IllegalStateException: no cart\n"
            + "\tat shop.Cart.load(Cart.java:42)\n"
            + "2024-05-01 12:00:02 retry failed with NullPointerException\n");
    assertThat(problems()).isEmpty();
    var logs =
        BundleReader.read(bundle).logs().stream().filter(r -> r.service().equals("other")).toList();
    assertThat(logs).hasSize(3);
    assertThat(logs.get(0).severity()).isEqualTo(dev.warroom.model.Severity.INFO);
    assertThat(logs.get(1).severity()).isEqualTo(dev.warroom.model.Severity.ERROR);
    assertThat(logs.get(1).body())
        .isEqualTo(
            "boom\njava.lang.IllegalStateException: no cart\n\tat shop.Cart.load(Cart.java:42)");
    assertThat(logs.get(2).severity()).isEqualTo(dev.warroom.model.Severity.ERROR);
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() throws IOException {
    write(
        "metrics/long.csv", "timestamp,series,value\nnope,a,1\n1714564800,b,x\n1714564800,c{,1\n");
    assertThat(problems())
        .hasSize(3)
        .allSatisfy(p -> assertThat(p).startsWith("metrics/long.csv:"));
  }

  @Test
  void failedIngestLeavesTheStoreExactlyAsBefore() throws IOException {
    Path good = HandwrittenBundleTest.handwritten();
    try (DuckDbStore store = DuckDbStore.open(tmp.resolve("s.duckdb"))) {
      store.ingest(good, ProgressListener.NONE);
      StoreSummary before = store.summary();
      // valid records first, the bad one last: the valid part must not stay behind
      replace("events/changes.jsonl", "\"type\":\"restart\"", "\"type\":\"oops\"");
      assertThatThrownBy(() -> store.ingest(bundle, ProgressListener.NONE))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("events/changes.jsonl:5: /type: unknown event type 'oops'");
      assertThat(store.summary()).isEqualTo(before);
      assertThat(before.logRecords()).isEqualTo(8);
    }
  }
}
