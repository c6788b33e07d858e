package dev.warroom.engine.director;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Writes the training data of {@link RcaModelTrainer}: investigates every episode of a gym suite
 * folder with the hand-weighted fusion and dumps, per episode, the {@link FusionInput} beside the
 * episode's ground truth (root-cause service, fault class, control). Refuses episodes with seeds of
 * 10000 and above: those are held out for the final measurement and must never be trained on.
 *
 * <pre>
 * java -cp warroom-cli/target/warroom.jar dev.warroom.engine.director.RcaTrainingDump SUITE OUT
 * </pre>
 */
public final class RcaTrainingDump {
  /** Seeds from here on are held out (docs/engine.md). */
  static final long HELD_OUT_FROM = 10_000;

  private RcaTrainingDump() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: RcaTrainingDump SUITE_DIR OUT_DIR");
    }
    Path suite = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    ObjectMapper m = new ObjectMapper();
    List<Path> episodes;
    try (Stream<Path> s = Files.list(suite)) {
      episodes = s.filter(p -> Files.exists(p.resolve("truth.json"))).sorted().toList();
    }
    AtomicReference<FusionInput> got = new AtomicReference<>();
    Investigator inv = new Investigator(Director.standard().withModel(null).withObserver(got::set));
    int n = 0;
    for (Path ep : episodes) {
      String id = ep.getFileName().toString();
      Path target = out.resolve(id + ".json");
      n++;
      if (Files.exists(target)) {
        continue;
      }
      JsonNode truth = m.readTree(ep.resolve("truth.json").toFile());
      long seed = truth.path("seed").asLong();
      if (seed >= HELD_OUT_FROM) {
        throw new IllegalArgumentException(
            ep + ": seed " + seed + " is held out (>= " + HELD_OUT_FROM + "); not dumped");
      }
      got.set(null);
      inv.investigate(ep, null);
      ObjectNode o = m.createObjectNode();
      o.put("id", id);
      o.put("seed", seed);
      ObjectNode t = o.putObject("truth");
      t.put("root", truth.path("root_cause_service").asText(null));
      t.put("faultClass", truth.path("fault_class").asText());
      t.put("control", truth.path("control").asBoolean());
      o.set("input", got.get().toJson(m));
      m.writeValue(target.toFile(), o);
      System.out.printf("[%d/%d] %s%n", n, episodes.size(), id);
    }
  }
}
