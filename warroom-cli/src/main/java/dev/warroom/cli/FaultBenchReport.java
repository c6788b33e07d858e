package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.gym.Episode;
import dev.warroom.gym.Gym;
import dev.warroom.gym.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the fault benchmarks {@code eval codefaults} and {@code eval dbfaults} share: the {@code
 * --seeds A..B} range, skipping the scenarios the gym cannot target, episodes written to a
 * temporary folder, and the per-fault tally of hits with its table lines and JSON object. Each
 * command keeps its own options, outcome rows and summary.
 */
final class FaultBenchReport {
  private FaultBenchReport() {}

  /** Seeds {@code from..to}, both inclusive, from {@code --seeds A..B}. */
  record Seeds(long from, long to) {
    Seeds {
      if (to < from) {
        throw new IllegalArgumentException("to < from: " + from + ".." + to);
      }
    }

    /** Parses {@code A..B} (inclusive, A <= B); the message names the {@code --seeds} option. */
    static Seeds parse(String seeds) {
      String[] ab = seeds.split("\\.\\.");
      if (ab.length != 2) {
        throw new IllegalArgumentException("--seeds: expected A..B, got '" + seeds + "'");
      }
      try {
        long from = Long.parseLong(ab[0].trim());
        long to = Long.parseLong(ab[1].trim());
        if (to < from) {
          throw new IllegalArgumentException("--seeds: B < A in '" + seeds + "'");
        }
        return new Seeds(from, to);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--seeds: expected A..B, got '" + seeds + "'", e);
      }
    }
  }

  /**
   * The gym's episode for this seed and scenario, or none when the gym has no target for the fault
   * in the system (a pool fault on a system without SQL clients, lock contention on a database
   * without writes).
   */
  static Optional<Episode> episode(Gym gym, long seed, Scenario scenario) {
    try {
      return Optional.of(gym.reset(seed, scenario));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Reads an episode written to disk, as a user would have the bundle. */
  @FunctionalInterface
  interface DiskBench<T> {
    T evaluate(Path episodeFolder) throws IOException;
  }

  /**
   * A temporary folder for episodes written to disk one at a time; {@link #close} deletes it with
   * whatever is left in it.
   */
  static final class Scratch implements AutoCloseable {
    private final Path root;

    Scratch(String prefix) throws IOException {
      this.root = Files.createTempDirectory(prefix);
    }

    /** Writes the episode to its own subfolder, evaluates it there and deletes the subfolder. */
    <T> T evaluate(Episode episode, DiskBench<T> bench) throws IOException {
      Path dir = root.resolve(episode.id());
      episode.write(dir);
      T result = bench.evaluate(dir);
      delete(dir);
      return result;
    }

    @Override
    public void close() throws IOException {
      delete(root);
    }

    private static void delete(Path dir) throws IOException {
      if (!Files.exists(dir)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Hits among the scored episodes of one fault. */
  record FaultScore(String fault, int hits, int episodes) {
    double ratio() {
      return (double) hits / episodes;
    }
  }

  /** The outcomes tallied per fault, faults in name order. */
  static <O> List<FaultScore> perFault(
      List<O> outcomes, Function<? super O, String> fault, Predicate<? super O> hit) {
    Map<String, int[]> byFault = new TreeMap<>();
    for (O o : outcomes) {
      int[] c = byFault.computeIfAbsent(fault.apply(o), k -> new int[2]);
      c[0] += hit.test(o) ? 1 : 0;
      c[1]++;
    }
    List<FaultScore> scores = new ArrayList<>();
    byFault.forEach((f, c) -> scores.add(new FaultScore(f, c[0], c[1])));
    return scores;
  }

  /**
   * Adds {@code "per_fault": {FAULT: {"hits", "episodes", RATIO_FIELD}}} to {@code root}, where the
   * ratio is hits / episodes.
   */
  static void putPerFault(ObjectNode root, List<FaultScore> scores, String ratioField) {
    ObjectNode pf = root.putObject("per_fault");
    for (FaultScore s : scores) {
      ObjectNode n = pf.putObject(s.fault());
      n.put("hits", s.hits());
      n.put("episodes", s.episodes());
      n.put(ratioField, s.ratio());
    }
  }

  /**
   * Prints one line per fault, {@code FAULT MEASURE HITS/EPISODES = RATIO}, with the fault name
   * padded to {@code faultWidth} characters and the measure's name given per fault.
   */
  static void printPerFault(
      PrintWriter out, List<FaultScore> scores, int faultWidth, Function<String, String> measure) {
    String format = "%-" + faultWidth + "s %s %d/%d = %.2f%n";
    for (FaultScore s : scores) {
      out.printf(
          Locale.ROOT,
          format,
          s.fault(),
          measure.apply(s.fault()),
          s.hits(),
          s.episodes(),
          s.ratio());
    }
  }

  /** {@code HIT} or {@code MISS}, the first column of an outcome row. */
  static String mark(boolean hit) {
    return hit ? "HIT" : "MISS";
  }

  /** Prints the JSON object pretty-printed on its own lines. */
  static void printJson(PrintWriter out, ObjectNode root) throws IOException {
    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }
}
