package dev.warroom.gym;

import dev.warroom.gym.Scenario.Difficulty;
import dev.warroom.gym.Scenario.RedHerring;
import java.time.Duration;
import java.util.List;

/**
 * The five reference incidents of the published design, as named scenarios:
 *
 * <ol>
 *   <li>{@code ref1-memory-p90}: p90 latency above 5 s, caused by memory exhaustion
 *       (bank/balancereader);
 *   <li>{@code ref2-noisy-neighbour}: occasional latency from CPU steal while a co-located
 *       container runs above 95% CPU (shop/recommendation's node);
 *   <li>{@code ref3-bank-network}: intermittent 5xx on /deposit and /payment from network trouble
 *       between frontend and ledgerwriter, with unrelated "insufficient balance" errors;
 *   <li>{@code ref4-unindexed-query}: database load from an unindexed query (rows read spike, CPU
 *       ~73%, read IOPS), with a periodic IO-heavy statement as the second candidate;
 *   <li>{@code ref5-exec-format}: 502s at the load balancer after a deploy of an amd64-only image
 *       onto arm64 nodes (exec format error, crash back-off).
 * </ol>
 */
public final class References {
  private References() {}

  public static List<String> names() {
    return List.of(
        "ref1-memory-p90",
        "ref2-noisy-neighbour",
        "ref3-bank-network",
        "ref4-unindexed-query",
        "ref5-exec-format");
  }

  /** A reference scenario by name. */
  public static Scenario get(String name) {
    Duration hour = Duration.ofHours(1);
    Duration days = Duration.ofDays(4);
    return switch (name) {
      case "ref1-memory-p90" ->
          new Scenario(
              name,
              SystemCatalog.get("bank"),
              FaultType.MEMORY_EXHAUSTION,
              "balancereader",
              null,
              1.0,
              Difficulty.MEDIUM,
              hour,
              days,
              150,
              List.of(RedHerring.HARMLESS_DEPLOY, RedHerring.NOISY_SERVICE));
      case "ref2-noisy-neighbour" ->
          new Scenario(
              name,
              SystemCatalog.get("shop"),
              FaultType.NOISY_NEIGHBOUR,
              "recommendation",
              null,
              0.8,
              Difficulty.HARD,
              hour,
              days,
              150,
              List.of(RedHerring.NOISY_SERVICE));
      case "ref3-bank-network" ->
          new Scenario(
              name,
              SystemCatalog.get("bank"),
              FaultType.NETWORK_PARTITION,
              "frontend",
              "ledgerwriter",
              0.6,
              Difficulty.MEDIUM,
              hour,
              days,
              150,
              List.of(RedHerring.PRE_EXISTING_ERRORS));
      case "ref4-unindexed-query" ->
          new Scenario(
              name,
              SystemCatalog.get("bank"),
              FaultType.UNINDEXED_QUERY,
              "ledger-db",
              null,
              0.9,
              Difficulty.MEDIUM,
              hour,
              days,
              150,
              List.of(RedHerring.BATCH_JOB));
      case "ref5-exec-format" ->
          new Scenario(
              name,
              SystemCatalog.get("shop"),
              FaultType.WRONG_ARCHITECTURE,
              "frontend",
              null,
              0.8,
              Difficulty.MEDIUM,
              hour,
              days,
              150,
              List.of(RedHerring.HARMLESS_DEPLOY));
      default ->
          throw new IllegalArgumentException(
              "unknown reference scenario '"
                  + name
                  + "' (known: "
                  + String.join(", ", names())
                  + ")");
    };
  }
}
