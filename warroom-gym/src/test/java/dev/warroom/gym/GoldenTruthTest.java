package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seed -> expected ground truth, as golden files: a change to the simulation that moves a fault's
 * onset, target, alert or evidence shows up here. Regenerate with {@code -Dgym.golden.update=true}
 * after checking the change is intended.
 */
class GoldenTruthTest {
  static final Path DIR = Path.of("src/test/resources/golden");

  @ParameterizedTest
  @CsvSource({
    "bank,memory_exhaustion,101",
    "shop,wrong_architecture,202",
    "market,unindexed_query,303",
    "shop,none,404"
  })
  void truthOfASeedIsStable(String topology, String fault, long seed) throws Exception {
    Episode ep = Episodes.run(topology, fault.equals("none") ? null : FaultType.parse(fault), seed);
    Path golden = DIR.resolve(topology + "-" + fault + "-" + seed + ".json");
    String actual = ep.truth().toJson() + "\n";
    if (Boolean.getBoolean("gym.golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file (create with -Dgym.golden.update=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
