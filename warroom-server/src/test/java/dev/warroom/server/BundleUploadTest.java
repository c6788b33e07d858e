package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.gym.Episode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleUploadTest {
  @TempDir Path dir;

  static byte[] zip(Path root) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes);
        Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        z.putNextEntry(new ZipEntry("bundle/" + root.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, z);
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void uploadedGymBundleIsInvestigatedAndNamesTheTrueRootCauseService() throws Exception {
    Episode ep = new Gym().reset(7, Scenario.of(SystemCatalog.get("shop"), FaultType.CPU_HOG));
    Path bundle = dir.resolve("ep");
    ep.write(bundle);
    try (TestServer t = new TestServer(dir.resolve("data"))) {
      var r =
          t.send(
              "POST",
              "/api/v1/bundles",
              TestServer.RESPONDER,
              zip(bundle),
              Map.of("Content-Type", "application/zip"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode up = t.parse(r.body());
      assertThat(up.path("logRecords").asLong()).isPositive();
      String id = up.path("incident").asText();

      assertThat(t.awaitFinished(id).path("state").asText()).isEqualTo("done");
      JsonNode report = t.getJson("/api/v1/incidents/" + id + "/report");
      List<String> top = report.findValuesAsText("service");
      assertThat(report.path("candidates").get(0).path("service").asText())
          .as("top candidate of " + top)
          .isEqualTo(ep.truth().rootCauseService());

      // The same alert through the webhook finds the same incident.
      var again = t.send("POST", "/api/v1/bundles", TestServer.RESPONDER, zip(bundle), Map.of());
      assertThat(t.parse(again.body()).path("created").asBoolean()).isFalse();
      // the same archive again is not loaded twice (idempotent by content hash)
      assertThat(t.parse(again.body()).path("duplicate").asBoolean()).isTrue();
      assertThat(t.parse(again.body()).path("logRecords").asLong()).isZero();
      assertThat(t.server.telemetrySummary().logRecords())
          .isEqualTo(up.path("logRecords").asLong());
    }
  }

  @Test
  void uploadThatIsNoArchiveOrEscapesTheFolderIsRejected() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("../evil.txt"));
      z.write(1);
      z.closeEntry();
    }
    try (TestServer t = new TestServer(dir.resolve("data"))) {
      var slip =
          t.send("POST", "/api/v1/bundles", TestServer.RESPONDER, bytes.toByteArray(), Map.of());
      var junk =
          t.send("POST", "/api/v1/bundles", TestServer.RESPONDER, "hello".getBytes(), Map.of());
      assertThat(slip.statusCode()).isEqualTo(400);
      assertThat(slip.body()).contains("outside the bundle");
      assertThat(junk.statusCode()).isEqualTo(400);
      assertThat(Files.exists(dir.resolve("evil.txt"))).isFalse();
    }
  }
}
