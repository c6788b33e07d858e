package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs ingest, query, bundle validate/export in-process on a bundle written by hand. */
class DataCommandsTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = WarroomCommand.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  static Path shop() throws URISyntaxException {
    return Path.of(DataCommandsTest.class.getResource("/bundles/shop").toURI());
  }

  private Path copyOfShop() throws IOException, URISyntaxException {
    Path src = shop();
    Path dst = tmp.resolve("copy");
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        Path d = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(d);
        } else {
          Files.copy(p, d);
        }
      }
    }
    return dst;
  }

  @Test
  void ingestThenSummaryReportsTheHandWrittenCounts() throws Exception {
    String db = tmp.resolve("i.duckdb").toString();
    Run ingest = run("ingest", shop().toString(), "--db", db);
    assertThat(ingest.code()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("5 metric points, 3 log records, 2 spans");
    Run q = run("query", "--db", db, "--summary", "--json");
    assertThat(q.code()).as(q.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(q.out());
    assertThat(s.get("series").asLong()).isEqualTo(3);
    assertThat(s.get("points").asLong()).isEqualTo(5);
    assertThat(s.get("logRecords").asLong()).isEqualTo(3);
    assertThat(s.get("spans").asLong()).isEqualTo(2);
    assertThat(s.get("traces").asLong()).isEqualTo(1);
    assertThat(s.get("events").asLong()).isEqualTo(2);
    assertThat(s.at("/timeRange/start").asText()).isEqualTo("2024-05-01T12:00:00Z");
    JsonNode cart = s.get("services").get(0);
    assertThat(cart.get("service").asText()).isEqualTo("cart");
    assertThat(cart.get("series").asLong()).isEqualTo(2);
    assertThat(cart.get("logRecords").asLong()).isEqualTo(2);
    assertThat(cart.get("events").asLong()).isEqualTo(2);
  }

  @Test
  void summaryWithoutJsonIsATable() throws Exception {
    String db = tmp.resolve("t.duckdb").toString();
    assertThat(run("ingest", shop().toString(), "--db", db).code()).isZero();
    Run q = run("query", "--db", db, "--summary");
    assertThat(q.out()).contains("SERVICE").contains("checkout").contains("TOTAL");
  }

  @Test
  void logQueryPrintsTheSqlThatRan() throws Exception {
    String db = tmp.resolve("l.duckdb").toString();
    assertThat(run("ingest", shop().toString(), "--db", db).code()).isZero();
    Run q =
        run("query", "--db", db, "--logs", "--service", "cart", "--regex", "timeout after \\d+ ms");
    assertThat(q.code()).as(q.err()).isZero();
    assertThat(q.out())
        .contains("-- SELECT")
        .contains("regexp_matches(body, 'timeout after \\d+ ms')");
    assertThat(q.out()).contains("db timeout after 3000 ms").doesNotContain("served GET");
  }

  @Test
  void malformedIngestExitsThreeWithEveryProblemAndLeavesTheStore() throws Exception {
    String db = tmp.resolve("m.duckdb").toString();
    assertThat(run("ingest", shop().toString(), "--db", db).code()).isZero();
    String before = run("query", "--db", db, "--summary", "--json").out();
    Path bad = copyOfShop();
    Files.writeString(
        bad.resolve("logs/app.jsonl"),
        "{\"ts\":\"soon\",\"service\":\"cart\",\"message\":\"x\"}\n{\"ts\":1714565000,\"service\":\"cart\",\"level\":\"LOUD\",\"message\":\"y\"}\n");
    Files.delete(bad.resolve("alert.json"));
    Run r = run("ingest", bad.toString(), "--db", db, "--strict");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err())
        .contains("error: alert.json: missing")
        .contains("error: logs/app.jsonl:1: /ts: not a timestamp: 'soon'");
    // an unknown level word is no problem: the message's text tells the level
    assertThat(r.err()).doesNotContain("LOUD");
    assertThat(run("query", "--db", db, "--summary", "--json").out()).isEqualTo(before);
  }

  @Test
  void validateListsProblemsAsJson() throws Exception {
    Path bad = copyOfShop();
    Files.writeString(bad.resolve("traces/zipkin.json"), "[{\"traceId\":\"xyz\"}");
    Run r = run("bundle", "validate", bad.toString(), "--json");
    assertThat(r.code()).isEqualTo(3);
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertThat(n.get("valid").asBoolean()).isFalse();
    assertThat(n.get("problems"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "traces/zipkin.json#/0/traceId: expected 16 or 32 hex characters, got 'xyz'",
            "traces/zipkin.json:1:19: invalid JSON: Unexpected end-of-input: expected close marker for"
                + " Array");
    Run ok = run("bundle", "validate", shop().toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).contains("valid");
  }

  @Test
  void exportWritesABundleThatValidatesAndReloadsWithTheSameCounts() throws Exception {
    String db = tmp.resolve("e.duckdb").toString();
    assertThat(run("ingest", shop().toString(), "--db", db).code()).isZero();
    Path out = tmp.resolve("exported");
    Run e =
        run(
            "bundle",
            "export",
            "--db",
            db,
            "--out",
            out.toString(),
            "--from",
            "2024-05-01T12:04:00Z",
            "--json");
    assertThat(e.code()).as(e.err()).isZero();
    JsonNode n = new ObjectMapper().readTree(e.out());
    assertThat(n.get("logRecords").asLong()).isEqualTo(3);
    assertThat(n.get("spans").asLong()).isEqualTo(2);
    // the 12:00 samples fall before the window; the 12:05 ones remain
    assertThat(n.get("series").asLong()).isEqualTo(2);
    assertThat(run("bundle", "validate", out.toString()).code()).isZero();
    assertThat(Files.readString(out.resolve("alert.json"))).contains("\"source\" : \"generic\"");
  }

  @Test
  void missingStoreFileIsAnInputError() {
    Run r = run("query", "--db", tmp.resolve("nope.duckdb").toString(), "--summary");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("error: --db: no store file");
  }

  @Test
  void everyDataCommandHasHelpWithAnExample() {
    for (String[] cmd :
        new String[][] {
          {"ingest", "--help"},
          {"query", "--help"},
          {"bundle", "validate", "--help"},
          {"bundle", "export", "--help"},
          {"bench", "ingest", "--help"}
        }) {
      Run r = run(cmd);
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Example");
    }
  }
}
