package dev.warroom.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.gym.FaultType;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.model.SharedDatasets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router on inputs from sources it was never trained on: gym bundles of three topologies and
 * this checkout's own fixtures and Java sources ({@link HeldOutCorpus}).
 */
class HeldOutRouterTest {
  @TempDir Path tmp;

  @Test
  void routesInputsFromSourcesItWasNotTrainedOn() throws Exception {
    List<Path> folders = new ArrayList<>();
    String[][] episodes = {
      {"shop", "null_dereference"}, {"bank", "crash_loop_bad_config"}, {"market", "bad_deploy"}
    };
    for (String[] e : episodes) {
      Path dir = tmp.resolve(e[0]);
      Scenario s =
          Scenario.of(SystemCatalog.get(e[0]), FaultType.parse(e[1]))
              .withWindow(Duration.ofMinutes(20), Duration.ofHours(2))
              .withTracesPerMinute(5);
      new Gym().reset(7, s).write(dir);
      folders.add(dir);
    }
    Path checkout = Path.of("..").toAbsolutePath().normalize();
    folders.add(checkout);
    List<LabelledInput> heldOut = HeldOutCorpus.from(folders);
    RouterEvaluation.Result r =
        RouterEvaluation.runHeldOut(
            SharedDatasets.find("loghub-2k").map(Path::getParent).orElse(null), heldOut);
    r.bySource().forEach(System.out::println);
    r.byKind().forEach(System.out::println);
    r.misses().stream().limit(20).forEach(System.out::println);
    assertThat(r.bySource())
        .extracting(RouterEvaluation.Score::group)
        .contains(
            "heldout/gym-logs",
            "heldout/gym-traces",
            "heldout/gym-metrics",
            "heldout/gym-code",
            "heldout/gym-stacktraces",
            "heldout/repo-fixtures",
            "heldout/repo-java");
    assertThat(r.accuracy()).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void rejectsAFolderThatIsNeitherABundleNorACheckout() {
    assertThatThrownBy(() -> HeldOutCorpus.from(List.of(tmp)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a bundle");
  }
}
