package dev.warroom.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the public datasets of {@code ../shared/datasets}: the {@code WARROOM_SHARED} environment
 * variable (set by the build to the checkout's {@code ../shared}) or {@code ../shared} and {@code
 * ../../shared} relative to the working directory. Tests use {@link #find} and, when it is empty,
 * skip outside CI and fail inside it ({@code CI=true}; see {@link #inCi}).
 */
public final class SharedDatasets {
  private SharedDatasets() {}

  /** The folder {@code datasets/<name>}, if present. */
  public static Optional<Path> find(String name) {
    String env = System.getenv("WARROOM_SHARED");
    for (String base : new String[] {env, "../shared", "../../shared"}) {
      if (base == null || base.isBlank()) {
        continue;
      }
      Path p = Path.of(base, "datasets", name);
      if (Files.isDirectory(p)) {
        return Optional.of(p.toAbsolutePath().normalize());
      }
    }
    return Optional.empty();
  }

  /** True when running under CI, where missing datasets are a failure, not a skip. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
