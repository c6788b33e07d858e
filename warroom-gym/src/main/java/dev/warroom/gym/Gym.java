package dev.warroom.gym;

/**
 * Otrashi, the chaos gym, in the shape of an RL environment: {@link #reset(long, Scenario)} builds
 * an {@link Episode} (bundle, alert, truth) and {@link Episode#reward} scores a report. Stateless
 * and deterministic: the same seed and scenario give the same episode, byte for byte once written.
 *
 * <pre>{@code
 * Episode ep = new Gym().reset(42, Scenario.of(SystemCatalog.get("shop"), FaultType.MEMORY_LEAK));
 * ep.write(Path.of("bundles/shop-leak-42"));
 * Reward r = ep.reward(report);
 * }</pre>
 */
public final class Gym {
  /** Generates the episode of a scenario for a seed. */
  public Episode reset(long seed, Scenario scenario) {
    return EpisodeFactory.build(seed, scenario);
  }
}
