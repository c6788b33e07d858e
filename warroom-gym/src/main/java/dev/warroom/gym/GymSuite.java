package dev.warroom.gym;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.gym.Scenario.Difficulty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A balanced suite of episodes over a seed range: every (topology, fault) pair that the topology
 * can host, in turn, one seed in ten a no-fault control, difficulty cycling easy/medium/hard (or
 * fixed). The scenario of a seed depends only on the seed and the options, so any single episode of
 * a suite can be regenerated alone. {@link #generate} writes each episode's bundle and truth and a
 * {@code suite.json} index.
 */
public final class GymSuite {
  /** One planned episode. */
  public record Entry(long seed, Scenario scenario) {}

  /**
   * Suite options: the topologies, a fixed difficulty (null = mixed), the window and trace rate.
   */
  public record Options(
      List<SystemSpec> systems,
      Difficulty difficulty,
      Duration window,
      Duration baseline,
      int tracesPerMinute) {
    public Options {
      systems = List.copyOf(systems);
      if (systems.isEmpty()) {
        throw new IllegalArgumentException("a suite needs at least one topology");
      }
    }

    /**
     * The defaults: the built-in systems, mixed difficulty, 30-minute window, 4 days of history.
     */
    public static Options defaults() {
      return new Options(
          SystemCatalog.names().stream().map(SystemCatalog::get).toList(),
          null,
          Duration.ofMinutes(30),
          Duration.ofDays(4),
          60);
    }
  }

  private GymSuite() {}

  /** The episodes for seeds {@code from..to} inclusive. */
  public static List<Entry> plan(long from, long to, Options o) {
    if (to < from) {
      throw new IllegalArgumentException("seed range is empty: " + from + ".." + to);
    }
    List<Scenario> combos = new ArrayList<>();
    for (FaultType f : FaultType.values()) {
      for (SystemSpec s : o.systems()) {
        if (Targets.applicable(f, s)) {
          combos.add(Scenario.of(s, f));
        }
      }
    }
    List<Entry> out = new ArrayList<>();
    for (long seed = from; seed <= to; seed++) {
      Scenario sc;
      if (Math.floorMod(seed, 10) == 9) {
        sc =
            Scenario.control(
                o.systems().get((int) Math.floorMod(Math.floorDiv(seed, 10), o.systems().size())));
      } else {
        sc = combos.get((int) Math.floorMod(seed - Math.floorDiv(seed, 10), combos.size()));
      }
      Difficulty d =
          o.difficulty() != null
              ? o.difficulty()
              : Difficulty.values()[(int) Math.floorMod(seed, 3)];
      out.add(
          new Entry(
              seed,
              sc.withDifficulty(d)
                  .withWindow(o.window(), o.baseline())
                  .withTracesPerMinute(o.tracesPerMinute())));
    }
    return out;
  }

  /**
   * Generates and writes the planned episodes with {@code threads} workers; returns their truths.
   */
  public static List<GroundTruth> generate(
      List<Entry> plan, Path out, int threads, Consumer<String> progress) {
    Gym gym = new Gym();
    List<GroundTruth> truths = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads))) {
      List<Future<GroundTruth>> futures = new ArrayList<>();
      for (Entry e : plan) {
        futures.add(
            pool.submit(
                () -> {
                  Episode ep = gym.reset(e.seed(), e.scenario());
                  ep.write(out.resolve(ep.id()));
                  progress.accept(ep.id());
                  return ep.truth();
                }));
      }
      for (Future<GroundTruth> f : futures) {
        truths.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("suite generation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
    writeIndex(truths, out);
    return truths;
  }

  static void writeIndex(List<GroundTruth> truths, Path out) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("episodes", truths.size());
    ArrayNode a = root.putArray("index");
    for (GroundTruth t : truths) {
      a.addObject()
          .put("id", t.episodeId())
          .put("path", t.episodeId())
          .put("seed", t.seed())
          .put("topology", t.topology())
          .put("fault", t.fault())
          .put("fault_class", t.faultClass().id())
          .put("level", t.level().name().toLowerCase())
          .put("difficulty", t.difficulty())
          .put("control", t.control())
          .put("root_cause_service", t.rootCauseService())
          .put("alert_service", t.alertService());
    }
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("suite.json"), m.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
