package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemFileTest {
  @TempDir Path tmp;

  @Test
  void builtInSystemsRoundTripThroughTheFileFormat() throws Exception {
    for (String name : SystemCatalog.names()) {
      Path f = tmp.resolve(name + ".json");
      Files.writeString(f, SystemFile.toJson(SystemCatalog.get(name)));
      assertThat(SystemFile.read(f)).isEqualTo(SystemCatalog.get(name));
    }
  }

  @Test
  void aSystemNeverSeenBeforeRunsAnEpisode() throws Exception {
    Path f = tmp.resolve("tiny.json");
    Files.writeString(
        f,
        """
        {"name": "tiny", "nodes": [{"name": "n1", "arch": "arm64", "cpus": 2, "memory_gib": 8}],
         "services": [
          {"name": "api", "language": "go", "replicas": 2, "cpu_limit": 0.5, "memory_limit_mib": 256,
           "base_latency_ms": 4, "entry_rps": 30,
           "endpoints": [{"name": "/items", "weight": 1, "calls": [{"service": "db", "endpoint": "q"}]}]},
          {"name": "db", "kind": "database", "language": "postgres", "replicas": 1, "cpu_limit": 1,
           "memory_limit_mib": 1024, "base_latency_ms": 2,
           "endpoints": [{"name": "q", "statement": "SELECT * FROM items WHERE id = $1"}]}]}
        """);
    SystemSpec sys = SystemFile.resolve(f.toString());
    Episode ep = new Gym().reset(1, Episodes.small(Scenario.of(sys, FaultType.UNINDEXED_QUERY)));
    assertThat(ep.truth().rootCauseService()).isEqualTo("db");
    assertThat(ep.truth().alertService()).isEqualTo("api");
  }

  @Test
  void rejectsACallToAnUnknownServiceNamingWhereItIs() throws Exception {
    Path f = tmp.resolve("bad.json");
    Files.writeString(
        f,
        """
        {"name": "bad", "nodes": [{"name": "n1"}],
         "services": [{"name": "api", "entry_rps": 5, "endpoints": [{"name": "/x", "calls": [{"service": "nope", "endpoint": "y"}]}]}]}
        """);
    assertThatThrownBy(() -> SystemFile.read(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("calls unknown service nope");
  }

  @Test
  void rejectsCallCycles() {
    assertThatThrownBy(
            () ->
                SystemFile.parse(
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                            """
        {"name": "loop", "nodes": [{"name": "n1"}],
         "services": [
          {"name": "a", "entry_rps": 5, "endpoints": [{"name": "x", "calls": [{"service": "b", "endpoint": "y"}]}]},
          {"name": "b", "endpoints": [{"name": "y", "calls": [{"service": "a", "endpoint": "x"}]}]}]}
        """),
                    "loop.json"))
        .hasMessageContaining("call cycle: a -> b -> a");
  }

  @Test
  void rejectsAMissingFieldWithItsPath() {
    assertThatThrownBy(
            () ->
                SystemFile.parse(
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                            """
        {"name": "s", "nodes": [{"name": "n1"}], "services": [{"entry_rps": 5, "endpoints": [{"name": "x"}]}]}
        """),
                    "s.json"))
        .hasMessageContaining("s.json: services[0]: missing string field 'name'");
  }
}
