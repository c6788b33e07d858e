package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.gym.GroundTruth;
import dev.warroom.model.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalBundlesCommandTest {
  @TempDir Path tmp;

  private Path gymBundle(String name, String topology, String fault, int seed) {
    Path out = tmp.resolve("suite").resolve(name);
    var r =
        GymCommandTest.run(
            "gym",
            "run",
            "--topology",
            topology,
            "--fault",
            fault,
            "--seed",
            String.valueOf(seed),
            "--window",
            "15m",
            "--baseline",
            "2h",
            "--traces-per-minute",
            "10",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  @Test
  void scoresLabelledBundlesAndCountsAWrongLabelAsAMiss() throws Exception {
    Path a = gymBundle("inc-a", "shop", "cpu_hog", 11);
    Path b = gymBundle("inc-b", "bank", "memory_leak", 12);
    String trueA = GroundTruth.read(a).rootCauseService();
    Files.writeString(
        tmp.resolve("truth.json"),
        "{\"inc-a\": {\"service\": \""
            + trueA
            + "\", \"fault\": \"cpu\"},"
            + " \"inc-b\": {\"service\": \"no-such-service\", \"fault\": \"mem\"},"
            + " \"inc-gone\": {\"service\": \"x\"}}");

    var r =
        GymCommandTest.run(
            "eval",
            "bundles",
            tmp.resolve("suite").toString(),
            "--truth",
            tmp.resolve("truth.json").toString(),
            "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("all").path("incidents").asInt()).isEqualTo(2);
    JsonNode incidents = root.path("incidents");
    int firsts = 0;
    for (JsonNode i : incidents) {
      firsts += i.path("rank").asInt() == 1 ? 1 : 0;
      if (i.path("bundle").asText().equals("inc-b")) {
        assertThat(i.path("rank").asInt()).isZero();
      }
    }
    assertThat(root.path("all").path("ac1").asDouble()).isEqualTo(firsts / 2.0);
    assertThat(root.path("byFault").has("cpu")).isTrue();
    assertThat(root.path("byFault").path("mem").path("ac5").asDouble()).isZero();
    assertThat(root.path("missing").get(0).asText()).isEqualTo("inc-gone");
  }

  @Test
  void malformedTruthFileNamesTheEntryAndExitsWithInvalidInput() throws Exception {
    Files.createDirectories(tmp.resolve("suite/x"));
    Files.writeString(tmp.resolve("truth.json"), "{\"x\": {\"fault\": \"cpu\"}}");

    var r =
        GymCommandTest.run(
            "eval",
            "bundles",
            tmp.resolve("suite").toString(),
            "--truth",
            tmp.resolve("truth.json").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("truth.json: /x/service: missing or blank");
  }

  @Test
  void rejectsABadAlertShift() {
    var r =
        GymCommandTest.run(
            "eval", "bundles", tmp.toString(), "--truth", "t.json", "--alert-shift", "soon");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--alert-shift: 'soon' is not a duration");
  }

  /**
   * The real incidents of the Nezha Online Boutique development set (56 faults, two days): the
   * ranking must stay at or above the figures measured when this test was written (AC@1 0.71, AC@3
   * 0.82 on 2026-12-08), with margin for small changes; a drop below means real-data accuracy
   * regressed.
   */
  @Test
  void nezhaOnlineBoutiqueIncidentsAreRankedAsMeasured() throws Exception {
    Optional<Path> data = SharedDatasets.find("nezha-ob");
    if (data.isEmpty()) {
      assertThat(SharedDatasets.inCi()).as("CI must have ../shared/datasets/nezha-ob").isFalse();
      assumeThat(data).as("../shared/datasets/nezha-ob absent: skipped").isPresent();
    }
    Path dir = tmp.resolve("nezha");
    Files.createDirectories(dir);
    Process p =
        new ProcessBuilder(
                "tar",
                "xzf",
                data.get().resolve("nezha-ob.tar.gz").toString(),
                "-C",
                dir.toString())
            .inheritIO()
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).isZero();

    var r =
        GymCommandTest.run(
            "eval",
            "bundles",
            dir.resolve("bundles").toString(),
            "--truth",
            data.get().resolve("truth.json").toString(),
            "--threads",
            "2",
            "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode all = new ObjectMapper().readTree(r.out()).path("all");
    assertThat(all.path("incidents").asInt()).isEqualTo(56);
    assertThat(all.path("failed").asInt()).isZero();
    assertThat(all.path("ac1").asDouble()).isGreaterThanOrEqualTo(0.65);
    assertThat(all.path("ac3").asDouble()).isGreaterThanOrEqualTo(0.78);
  }
}
