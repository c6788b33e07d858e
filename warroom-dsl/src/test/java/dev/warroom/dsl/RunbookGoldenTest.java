package dev.warroom.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every {@code valid/*.wr} checks without errors and formats to its {@code
 * .formatted} file; every {@code invalid/*.wr} yields exactly its {@code .diagnostics} file.
 * Regenerate with {@code -Dgolden.update=true}, then review the diff.
 */
class RunbookGoldenTest {
  private static final Path ROOT = Path.of("src/test/resources/runbooks");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  static Stream<Path> valid() throws IOException {
    return runbooks("valid");
  }

  static Stream<Path> invalid() throws IOException {
    return runbooks("invalid");
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validRunbookChecksCleanAndFormatsToGolden(Path file) {
    String source = read(file);
    CheckResult result = Runbooks.check(source, TestCatalog.actors());

    assertThat(result.errors()).as(result.render(file.getFileName().toString())).isEmpty();
    assertGolden(sibling(file, ".diagnostics"), result.render(file.getFileName().toString()));
    String formatted = Runbooks.format(source);
    assertGolden(sibling(file, ".formatted"), formatted);
    assertThat(Ast.withoutPositions(Runbooks.parse(formatted).runbook()))
        .as("parse(format(x)) has the same AST as parse(x)")
        .isEqualTo(Ast.withoutPositions(result.runbook()));
    assertThat(Runbooks.format(formatted)).as("formatting is idempotent").isEqualTo(formatted);
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidRunbookReportsEveryGoldenDiagnostic(Path file) {
    CheckResult result = Runbooks.check(read(file), TestCatalog.actors());

    assertThat(result.ok()).isFalse();
    assertGolden(sibling(file, ".diagnostics"), result.render(file.getFileName().toString()));
  }

  private static void assertGolden(Path expected, String actual) {
    if (UPDATE) {
      write(expected, actual);
    }
    String golden = Files.exists(expected) ? read(expected) : "";
    assertThat(actual).as("golden file %s", expected).isEqualTo(golden);
  }

  private static Stream<Path> runbooks(String dir) throws IOException {
    return Files.list(ROOT.resolve(dir)).filter(p -> p.toString().endsWith(".wr")).sorted();
  }

  private static Path sibling(Path file, String extension) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.length() - 3) + extension);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, String text) {
    try {
      if (text.isEmpty()) {
        Files.deleteIfExists(p);
      } else {
        Files.writeString(p, text, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
