package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 #9: bundle errors name the right file and place, and bundles stay inside their folder.
 */
class BundleInputHardeningTest {
  @TempDir Path dir;

  private Path bundle() throws IOException {
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(
        b.resolve("alert.json"),
        "{\"title\":\"t\",\"service\":\"s\",\"startsAt\":\"2026-01-01T10:00:00Z\"}");
    Files.createDirectories(b.resolve("metrics"));
    return b;
  }

  private static String problems(Path b) {
    try {
      BundleReader.read(b);
    } catch (InvalidInputException e) {
      return String.join("\n", e.problems());
    }
    throw new AssertionError("bundle read without problems");
  }

  @Test
  void csvHeaderOverOneMebibyteIsADiagnosticNotACrash() throws IOException {
    Path b = bundle();
    Files.writeString(
        b.resolve("metrics/wide.csv"), "timestamp," + "x".repeat(1_100_000) + "\n1,2\n");
    assertThat(problems(b)).contains("metrics/wide.csv:1: header line longer than");
  }

  @Test
  void aRepeatedWideCsvColumnIsBlamedOnItsOwnFile() throws IOException {
    Path b = bundle();
    Files.writeString(b.resolve("metrics/a.csv"), "timestamp,cpu\n2026-01-01T10:00:00Z,1\n");
    Files.writeString(
        b.resolve("metrics/b.csv"), "timestamp,mem,cpu,cpu\n2026-01-01T10:01:00Z,1,2,3\n");
    String p = problems(b);
    assertThat(p).contains("metrics/b.csv:1: column 4 repeats column 3");
    assertThat(p).doesNotContain("metrics/a.csv");
  }

  @Test
  void topologyErrorsCarryTheWholeJsonPointer() throws IOException {
    Path b = bundle();
    Files.writeString(
        b.resolve("topology.json"),
        "{\"edges\":[{\"caller\":\"a\",\"callee\":\"b\"},{\"caller\":\"b\",\"callee\":\"c\"},"
            + "{\"callee\":\"d\"}]}");
    assertThat(problems(b)).contains("topology.json#/edges/2/caller");
  }

  @Test
  void numbersBeyondDoubleRangeAreRefusedNotReadAsInfinity() throws IOException {
    Path b = bundle();
    Files.writeString(b.resolve("metrics/m.csv"), "timestamp,cpu\n2026-01-01T10:00:00Z,1e400\n");
    assertThat(problems(b)).contains("metrics/m.csv:2").contains("out of range");
  }

  @Test
  void symbolicLinksOutOfTheBundleAreRefused() throws IOException {
    Path b = bundle();
    Path secret = Files.writeString(dir.resolve("secret.log"), "password=hunter2\n");
    Files.createDirectories(b.resolve("logs"));
    Files.createSymbolicLink(b.resolve("logs/app.log"), secret);
    assertThat(problems(b)).contains("logs/app.log: a symbolic link to a file outside the bundle");
  }

  @Test
  void fileNamesWithControlCharactersArePrintedEscaped() throws IOException {
    Path b = bundle();
    Files.writeString(b.resolve("metrics/\u001b[31mred\nx.csv"), "nope\n");
    String p = problems(b);
    assertThat(p).contains("metrics/\\u001b[31mred\\nx.csv").doesNotContain("\u001b");
  }

  @Test
  void theBundleFolderItselfMayStillBeALink() throws IOException {
    Path b = bundle();
    Path link = Files.createSymbolicLink(dir.resolve("link"), b);
    assertThat(BundleReader.read(link).alert().title()).isEqualTo("t");
    assertThatThrownBy(() -> BundleReader.read(dir.resolve("missing")))
        .isInstanceOf(InvalidInputException.class);
  }
}
