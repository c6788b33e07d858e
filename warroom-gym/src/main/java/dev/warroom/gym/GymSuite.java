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
    return generate(plan, out, threads, 0, 0, progress);
  }

  /** One written bundle: its folder name, truth and view ({@code full} for the gym's own). */
  record Written(String path, GroundTruth truth, String view) {}

  /**
   * Generates and writes the planned episodes, each also under {@code views} views drawn from the
   * episode seed and {@code viewSeed} (folders {@code <id>.v1} …, beside the full view's {@code
   * <id>}); returns the truths of the full views.
   */
  public static List<GroundTruth> generate(
      List<Entry> plan,
      Path out,
      int threads,
      int views,
      long viewSeed,
      Consumer<String> progress) {
    if (views < 0) {
      throw new IllegalArgumentException("views < 0: " + views);
    }
    Gym gym = new Gym();
    List<GroundTruth> truths = new ArrayList<>();
    List<Written> written = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads))) {
      List<Future<List<Written>>> futures = new ArrayList<>();
      for (Entry e : plan) {
        futures.add(
            pool.submit(
                () -> {
                  Episode ep = gym.reset(e.seed(), e.scenario());
                  List<Written> w = new ArrayList<>();
                  ep.write(out.resolve(ep.id()));
                  w.add(new Written(ep.id(), ep.truth(), "full"));
                  for (int k = 1; k <= views; k++) {
                    View v = View.draw("v" + k, viewSeed(e.seed(), k, viewSeed));
                    String path = ep.id() + "." + v.name();
                    w.add(new Written(path, ViewWriter.write(ep, v, out.resolve(path)), v.name()));
                  }
                  progress.accept(ep.id());
                  return w;
                }));
      }
      for (Future<List<Written>> f : futures) {
        List<Written> w = f.get();
        truths.add(w.get(0).truth());
        written.addAll(w);
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
    writeIndex(written, out);
    return truths;
  }

  /** The seed of an episode's k-th view: a mix of the episode seed, k and the suite's view seed. */
  static long viewSeed(long episodeSeed, int k, long viewSeed) {
    long z = episodeSeed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L + viewSeed;
    z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 29);
  }

  static void writeIndex(List<Written> written, Path out) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("episodes", written.stream().filter(w -> w.view().equals("full")).count());
    root.put("bundles", written.size());
    ArrayNode a = root.putArray("index");
    for (Written w : written) {
      GroundTruth t = w.truth();
      a.addObject()
          .put("id", t.episodeId())
          .put("path", w.path())
          .put("view", w.view())
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
