package dev.warroom.engine.director;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.agents.WithheldTelemetrySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Writes the training data of {@link RcaModelTrainer}: investigates every episode of a gym suite
 * folder with the hand-weighted fusion and dumps, per episode, the {@link FusionInput} beside the
 * episode's ground truth (root-cause service, fault class, control). Refuses episodes with seeds of
 * 10000 and above: those are held out for the final measurement and must never be trained on.
 * {@code --withhold metrics,traces} investigates each episode as if its bundle lacked those kinds
 * of data ({@link WithheldTelemetrySource}), so the model also learns from partial bundles.
 *
 * <pre>
 * java -cp warroom-cli/target/warroom.jar dev.warroom.engine.director.RcaTrainingDump SUITE OUT \
 *     [--threads N] [--withhold KINDS]
 * </pre>
 */
public final class RcaTrainingDump {
  /** Seeds from here on are held out (docs/engine.md). */
  static final long HELD_OUT_FROM = 10_000;

  private static final String USAGE =
      "usage: RcaTrainingDump SUITE_DIR OUT_DIR [--threads N] [--withhold logs,traces,...]";

  private RcaTrainingDump() {}

  public static void main(String[] args) throws Exception {
    int threads = 1;
    java.util.Set<WithheldTelemetrySource.Kind> withheld = java.util.Set.of();
    if (args.length < 2 || args.length % 2 != 0) {
      throw new IllegalArgumentException(USAGE);
    }
    for (int i = 2; i < args.length; i += 2) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--withhold" -> withheld = WithheldTelemetrySource.Kind.parseList(args[i + 1]);
        default -> throw new IllegalArgumentException(args[i] + ": unknown option; " + USAGE);
      }
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads: must be >= 1, got " + threads);
    }
    Path suite = Path.of(args[0]);
    List<Path> episodes;
    try (Stream<Path> s = Files.list(suite)) {
      episodes = s.filter(p -> Files.exists(p.resolve("truth.json"))).sorted().toList();
    }
    int total = episodes.size();
    dump(
        episodes,
        Path.of(args[1]),
        threads,
        withheld,
        (n, id) -> System.out.printf("[%d/%d] %s%n", n, total, id));
  }

  /**
   * Investigates each episode folder (with the hand-weighted fusion) and writes its dump into
   * {@code out}; episodes already dumped there are skipped.
   *
   * @param progress told (episodes done, episode id) as each finishes
   * @return how many episodes were investigated (not skipped)
   * @throws IllegalArgumentException before anything is written, when an episode is held out
   */
  public static int dump(
      List<Path> episodes,
      Path out,
      int threads,
      java.util.Set<WithheldTelemetrySource.Kind> withheld,
      java.util.function.BiConsumer<Integer, String> progress)
      throws IOException, InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
    }
    ObjectMapper m = new ObjectMapper();
    // read once and checked up front, so a held-out episode stops the run before anything is
    // written
    java.util.Map<Path, JsonNode> truths = new java.util.HashMap<>();
    for (Path ep : episodes) {
      JsonNode truth = m.readTree(ep.resolve("truth.json").toFile());
      truths.put(ep, truth);
      long seed = truth.path("seed").asLong();
      if (seed >= HELD_OUT_FROM) {
        throw new IllegalArgumentException(
            ep + ": seed " + seed + " is held out (>= " + HELD_OUT_FROM + "); nothing dumped");
      }
    }
    return dump(truths, out, threads, withheld, progress);
  }

  /** Investigates each folder and dumps it beside its truth (gym truth.json fields). */
  static int dump(
      java.util.Map<Path, JsonNode> truths,
      Path out,
      int threads,
      java.util.Set<WithheldTelemetrySource.Kind> withheld,
      java.util.function.BiConsumer<Integer, String> progress)
      throws IOException, InterruptedException {
    ObjectMapper m = new ObjectMapper();
    List<Path> episodes = truths.keySet().stream().sorted().toList();
    Files.createDirectories(out);
    // one investigator per worker: the observer hands back that worker's fusion input
    ThreadLocal<AtomicReference<FusionInput>> got = ThreadLocal.withInitial(AtomicReference::new);
    ThreadLocal<Investigator> inv =
        ThreadLocal.withInitial(
            () ->
                new Investigator(
                    Director.standard().withModel(null).withObserver(got.get()::set), withheld));
    AtomicInteger done = new AtomicInteger();
    AtomicInteger investigated = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (Path ep : episodes) {
        jobs.add(
            pool.submit(
                () -> {
                  if (dump(ep, truths.get(ep), out, m, inv.get(), got.get())) {
                    investigated.incrementAndGet();
                  }
                  progress.accept(done.incrementAndGet(), String.valueOf(ep.getFileName()));
                  return null;
                }));
      }
      for (Future<?> f : jobs) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("dumping " + out + ": " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return investigated.get();
  }

  private static boolean dump(
      Path ep,
      JsonNode truth,
      Path out,
      ObjectMapper m,
      Investigator inv,
      AtomicReference<FusionInput> got)
      throws IOException {
    String id = ep.getFileName().toString();
    Path target = out.resolve(id + ".json");
    if (Files.exists(target)) {
      return false;
    }
    got.set(null);
    inv.investigate(ep, null);
    ObjectNode o = m.createObjectNode();
    o.put("id", id);
    o.put("seed", truth.path("seed").asLong());
    ObjectNode t = o.putObject("truth");
    t.put("root", truth.path("root_cause_service").asText(null));
    t.put("faultClass", truth.path("fault_class").asText());
    t.put("control", truth.path("control").asBoolean());
    o.set("input", got.get().toJson(m));
    // written whole, then moved, so an interrupted run never leaves a half file to be skipped
    Path tmp = out.resolve(id + ".json.tmp");
    m.writeValue(tmp.toFile(), o);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }
}
