package dev.warroom.dsl;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Throughput of the language pipeline on the valid golden runbooks: parse + check, and format.
 * Prints the median over 15 rounds of 200 passes (after 5 warm-up rounds), in microseconds per
 * runbook. Run: {@code ./mvnw -B -ntp -q -pl warroom-dsl test-compile exec:java
 * -Dexec.mainClass=dev.warroom.dsl.RunbookBenchmark -Dexec.classpathScope=test}.
 */
public final class RunbookBenchmark {
  private RunbookBenchmark() {}

  public static void main(String[] args) throws IOException, URISyntaxException {
    // The golden runbooks as copied to test-classes, so the working directory does not matter.
    Path dir = Path.of(RunbookBenchmark.class.getResource("/runbooks/valid").toURI());
    List<String> sources;
    try (Stream<Path> files = Files.list(dir)) {
      sources =
          files
              .filter(p -> p.toString().endsWith(".wr"))
              .sorted()
              .map(RunbookBenchmark::read)
              .toList();
    }
    ActorCatalog catalog = TestCatalog.actors();
    long bytes = sources.stream().mapToLong(String::length).sum();
    double check = median(() -> sources.forEach(s -> Runbooks.check(s, catalog)), sources.size());
    double format = median(() -> sources.forEach(Runbooks::format), sources.size());
    System.out.printf(
        "%d runbooks, %d bytes: parse+check median %.1f us/runbook, parse+format median %.1f"
            + " us/runbook%n",
        sources.size(), bytes, check, format);
  }

  private static double median(Runnable pass, int runbooks) {
    double[] rounds = new double[15];
    for (int r = -5; r < rounds.length; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        pass.run();
      }
      double micros = (System.nanoTime() - start) / 1e3 / (200.0 * runbooks);
      if (r >= 0) {
        rounds[r] = micros;
      }
    }
    Arrays.sort(rounds);
    return rounds[rounds.length / 2];
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
