package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.gym.GroundTruth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GymCommandTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    CommandLine cl = ExitCodes.configure(new CommandLine(new WarroomCommand()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void listNamesEveryFaultAndTopologyAsJson() {
    Result r = run("gym", "list", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("\"id\" : \"noisy_neighbour\"", "\"name\" : \"market\"", "ref5-exec-format");
  }

  @Test
  void runWritesABundleWithTruth() {
    Path out = tmp.resolve("b");
    Result r =
        run(
            "gym",
            "run",
            "--topology",
            "bank",
            "--fault",
            "network_partition",
            "--target",
            "frontend",
            "--peer",
            "ledgerwriter",
            "--seed",
            "3",
            "--window",
            "15m",
            "--baseline",
            "6h",
            "--traces-per-minute",
            "10",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.exists(out.resolve("alert.json"))).isTrue();
    GroundTruth t = GroundTruth.read(out);
    assertThat(t.component()).isEqualTo("frontend->ledgerwriter");
    assertThat(r.out()).contains("truth: network_partition");
  }

  @Test
  void unknownFaultIsInvalidInput() {
    Result r =
        run(
            "gym",
            "run",
            "--topology",
            "bank",
            "--fault",
            "gremlins",
            "--seed",
            "1",
            "--out",
            tmp.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("unknown fault 'gremlins'");
  }

  @Test
  void aFaultTheTopologyCannotHostIsInvalidInput() {
    Result r =
        run(
            "gym",
            "run",
            "--topology",
            "bank",
            "--fault",
            "cache_failure",
            "--seed",
            "1",
            "--out",
            tmp.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("cache_failure cannot be injected into topology bank");
  }

  @Test
  void suiteWritesAnIndexedBalancedSet() {
    Result r =
        run(
            "gym",
            "suite",
            "--seeds",
            "8..9",
            "--topology",
            "shop",
            "--window",
            "10m",
            "--baseline",
            "2h",
            "--traces-per-minute",
            "5",
            "--threads",
            "1",
            "--json",
            "--out",
            tmp.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"episodes\": 2", "\"controls\": 1");
    assertThat(Files.exists(tmp.resolve("suite.json"))).isTrue();
  }

  @Test
  void suiteWritesViewsBesideTheFullBundleAndEvalScoresThemByDimension() throws Exception {
    Result r =
        run(
            "gym",
            "suite",
            "--seeds",
            "8..8",
            "--topology",
            "random:5:8",
            "--window",
            "10m",
            "--baseline",
            "2h",
            "--traces-per-minute",
            "5",
            "--threads",
            "1",
            "--views",
            "2",
            "--view-seed",
            "3",
            "--out",
            tmp.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String index = Files.readString(tmp.resolve("suite.json"));
    assertThat(index).contains("\"bundles\" : 3", "\"view\" : \"v2\"");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".json")).sorted())
          .hasSize(3)
          .allMatch(n -> n.startsWith("random-5-8-"))
          .anyMatch(n -> n.endsWith(".v1"))
          .anyMatch(n -> n.endsWith(".v2"));
    }
    Result e = run("gym", "eval", tmp.toString());
    assertThat(e.code()).as(e.err()).isZero();
    assertThat(e.out())
        .contains("episodes 3", "by view:", "views (pooled)", "by view naming:", "by view step:");
  }
}
