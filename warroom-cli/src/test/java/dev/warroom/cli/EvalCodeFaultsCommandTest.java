package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EvalCodeFaultsCommandTest {

  @Test
  void scoresTheFaultyLineOfAGymCodeFaultAsJson() throws Exception {
    GymCommandTest.Result r =
        GymCommandTest.run(
            "eval",
            "codefaults",
            "--seeds",
            "7..7",
            "--systems",
            "bank",
            "--faults",
            "null_dereference",
            "--window-minutes",
            "10",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.path("episodes").asInt()).isEqualTo(1);
    JsonNode o = j.path("outcomes").get(0);
    assertThat(o.path("fault").asText()).isEqualTo("null_dereference");
    // truth is service:path:line; a hit is exactly the same text
    assertThat(o.path("truth").asText()).matches("[a-z-]+:.+:\\d+");
    assertThat(o.path("hit").asBoolean()).isEqualTo(o.path("truth").equals(o.path("predicted")));
    assertThat(j.path("per_fault").path("null_dereference").path("episodes").asInt()).isEqualTo(1);
  }

  @Test
  void rejectsAMalformedSeedRangeWithExitCode3() {
    GymCommandTest.Result r = GymCommandTest.run("eval", "codefaults", "--seeds", "9-3");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("--seeds: expected A..B, got '9-3'");
  }
}
