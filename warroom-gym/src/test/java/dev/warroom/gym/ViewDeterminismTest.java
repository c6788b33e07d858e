package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed and views give byte-identical bundles in two separate JVM runs: iteration order of
 * {@code Map.of}/{@code Map.copyOf} is salted per JVM, so a writer that follows it would pass a
 * test run twice in one JVM and still differ between runs.
 */
class ViewDeterminismTest {
  @TempDir Path tmp;

  private static void runJvm(Path out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    WriteViewsMain.class.getName(),
                    out.toString()))
            .inheritIO()
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
    assertThat(p.exitValue()).as("child JVM exit code").isZero();
  }

  @Test
  void twoJvmRunsWriteTheSameBytes() throws Exception {
    runJvm(tmp.resolve("a"));
    runJvm(tmp.resolve("b"));
    for (String v : List.of("full", "v0", "v1", "v2", "v3", "v4", "v5", "drawn")) {
      assertThat(GymDeterminismTest.hash(tmp.resolve("a").resolve(v)))
          .as("view " + v)
          .isEqualTo(GymDeterminismTest.hash(tmp.resolve("b").resolve(v)));
    }
  }
}
