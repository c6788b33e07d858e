package dev.warroom.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.FaultClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewBreakdownTest {
  @TempDir Path tmp;

  private static EpisodeResult result(String name, boolean top1) {
    return new EpisodeResult(
        name,
        false,
        "cart",
        FaultClass.MEMORY_LEAK,
        null,
        top1 ? "cart" : "frontend",
        FaultClass.MEMORY_LEAK,
        0.9,
        top1,
        top1,
        top1,
        Double.NaN,
        false,
        10,
        "",
        "shop",
        "easy",
        List.of(),
        Map.of());
  }

  private Path bundle(String name, String dims) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(name));
    if (dims != null) {
      Files.writeString(d.resolve("view.json"), "{\"dimensions\": " + dims + "}");
    }
    return d;
  }

  @Test
  void groupsViewBundlesByEachDimensionAndKeepsTheFullViewApart() throws Exception {
    List<Path> dirs =
        List.of(
            bundle("a", null),
            bundle("a.v1", "{\"naming\": \"otel\", \"step\": \"1m\"}"),
            bundle("a.v2", "{\"naming\": \"gym\", \"step\": \"1m\"}"),
            bundle("a.v3", "{\"naming\": \"otel\", \"step\": \"gym\"}"));
    ViewBreakdown v =
        ViewBreakdown.of(
            dirs,
            List.of(
                result("a", true),
                result("a.v1", false),
                result("a.v2", true),
                result("a.v3", false)));
    assertThat(v.full().top1()).isEqualTo(1.0);
    assertThat(v.views().episodes()).isEqualTo(3);
    assertThat(v.views().top1()).isEqualTo(1.0 / 3);
    assertThat(v.byDimension().get("naming").get("otel").top1()).isZero();
    assertThat(v.byDimension().get("naming").get("gym").top1()).isEqualTo(1.0);
    assertThat(v.byDimension().get("step").get("1m").episodes()).isEqualTo(2);
    assertThat(v.hasViews()).isTrue();
  }
}
