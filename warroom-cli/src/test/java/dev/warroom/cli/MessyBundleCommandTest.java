package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle with one malformed record among 100k and an empty file is investigated, and the record
 * is listed in the report's data-quality section; {@code ingest --strict} still refuses it.
 */
class MessyBundleCommandTest {
  static final int RECORDS = 100_000;
  static final int BAD_LINE = 61_803;

  @TempDir Path tmp;
  Path bundle;

  @BeforeEach
  void messyBundle() throws IOException, URISyntaxException {
    Path src = DataCommandsTest.shop();
    bundle = tmp.resolve("messy");
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : walk.toList()) {
        Path d = bundle.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(d);
        } else {
          Files.copy(p, d);
        }
      }
    }
    long t0 = Instant.parse("2024-05-01T11:50:00Z").toEpochMilli();
    try (BufferedWriter w =
        Files.newBufferedWriter(bundle.resolve("logs/bulk.jsonl"), StandardCharsets.UTF_8)) {
      for (int i = 1; i <= RECORDS; i++) {
        String ts =
            i == BAD_LINE
                ? "1754-08-30T22:43:41.128Z" // a zero-valued date field in the source
                : Instant.ofEpochMilli(t0 + i * 12L).toString();
        w.write(
            "{\"ts\":\""
                + ts
                + "\",\"service\":\""
                + (i % 3 == 0 ? "cart" : "checkout")
                + "\",\"message\":\"served GET /cart/"
                + (i % 97)
                + " in "
                + (i % 40)
                + " ms\"}\n");
      }
    }
    Files.writeString(bundle.resolve("logs/empty.jsonl"), "");
  }

  @Test
  void investigateGoesOnAndListsTheSkippedRecord() throws IOException {
    DataCommandsTest.Run r =
        DataCommandsTest.run("investigate", bundle.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("note: 1 malformed record was skipped and counted");
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertThat(report.get("verdict").asText()).isNotBlank();
    JsonNode dq = report.get("dataQuality");
    assertThat(dq.get("skipped").asLong()).isEqualTo(1);
    JsonNode bulk = file(dq, "logs/bulk.jsonl");
    assertThat(bulk.get("records").asLong()).isEqualTo(RECORDS - 1);
    assertThat(bulk.get("examples").get(0).asText())
        .startsWith("logs/bulk.jsonl:" + BAD_LINE + ": /ts: timestamp out of range (before 1970)");
    assertThat(file(dq, "logs/empty.jsonl").get("noted").get("empty file").asLong()).isEqualTo(1);

    DataCommandsTest.Run md = DataCommandsTest.run("investigate", bundle.toString());
    assertThat(md.code()).isZero();
    assertThat(md.out())
        .contains("## Data quality")
        .contains("`logs/bulk.jsonl:" + BAD_LINE + ": /ts: timestamp out of range");
  }

  @Test
  void validateListsTheProblemsAndStrictIngestRefusesTheBundle() {
    DataCommandsTest.Run v = DataCommandsTest.run("bundle", "validate", bundle.toString());
    assertThat(v.code()).isEqualTo(3);
    assertThat(v.err())
        .contains("logs/bulk.jsonl:" + BAD_LINE + ": /ts: timestamp out of range")
        .contains("logs/empty.jsonl: empty file");

    Path db = tmp.resolve("strict.duckdb");
    DataCommandsTest.Run strict =
        DataCommandsTest.run("ingest", bundle.toString(), "--db", db.toString(), "--strict");
    assertThat(strict.code()).isEqualTo(3);
    DataCommandsTest.Run summary =
        DataCommandsTest.run("query", "--db", db.toString(), "--summary", "--json");
    assertThat(summary.out()).contains("\"logRecords\" : 0");

    DataCommandsTest.Run lenient =
        DataCommandsTest.run("ingest", bundle.toString(), "--db", db.toString());
    assertThat(lenient.code()).as(lenient.err()).isZero();
    assertThat(lenient.err()).contains("skipped 1 record(s) of logs/bulk.jsonl");
  }

  private static JsonNode file(JsonNode dq, String path) {
    for (JsonNode f : dq.get("files")) {
      if (f.get("path").asText().equals(path)) {
        return f;
      }
    }
    throw new AssertionError("no " + path + " in " + dq);
  }
}
