package dev.warroom.gym;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The built-in systems, kept as topology files (the format of docs/gym.md, the same a user writes)
 * under the resource folder {@code dev/warroom/gym/systems/} and read by {@link SystemFile}, the
 * code that reads a user's file: {@code bank} (shaped like Google's Bank of Anthos), {@code shop}
 * (shaped like Online Boutique, with a Redis cart and mixed amd64/arm64 nodes) and {@code market}
 * (30 components: an e-commerce platform with a Kafka bus, a Redis cache and two databases).
 */
public final class SystemCatalog {
  private SystemCatalog() {}

  /** Names of the built-in systems. */
  public static List<String> names() {
    return List.of("bank", "shop", "market");
  }

  /** A built-in system by name. */
  public static SystemSpec get(String name) {
    if (!names().contains(name)) {
      throw new IllegalArgumentException(
          "unknown topology '" + name + "' (built in: " + String.join(", ", names()) + ")");
    }
    String resource = "systems/" + name + ".json";
    try (InputStream in = SystemCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in system file missing: " + resource);
      }
      return SystemFile.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + resource);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
    }
  }
}
