package dev.warroom.engine.director;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of the learned fusion model a team has adopted, in one folder: {@code v1.json},
 * {@code v2.json}, … (each written once, never changed), {@code active} (the version investigations
 * rank with; absent: the shipped model) and {@code history} (one version per line, each activation
 * in order, so {@code rollback} can return to the one before). Default folder: {@code
 * $WARROOM_MODELS}, else {@code ~/.warroom/models}.
 */
public final class ModelDirectory {
  /** The name of the model inside the jar, used when no version is active. */
  public static final String SHIPPED = "shipped";

  private static final Pattern VERSION = Pattern.compile("v(\\d+)");
  private final Path dir;

  private ModelDirectory(Path dir) {
    this.dir = dir;
  }

  public static ModelDirectory at(Path dir) {
    return new ModelDirectory(dir);
  }

  /** {@code $WARROOM_MODELS} when set, else {@code ~/.warroom/models}. */
  public static ModelDirectory defaultLocation() {
    String env = System.getenv("WARROOM_MODELS");
    if (env != null && !env.isBlank()) {
      return at(Path.of(env));
    }
    return at(Path.of(System.getProperty("user.home"), ".warroom", "models"));
  }

  public Path dir() {
    return dir;
  }

  /** One stored version. */
  public record Version(String name, Path file, boolean active, String trainedOn) {}

  /** The stored versions, oldest first. */
  public List<Version> list() throws IOException {
    List<Version> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    String active = active().orElse(SHIPPED);
    List<Integer> ns = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.forEach(
          p -> {
            Matcher m = VERSION.matcher(p.getFileName().toString().replaceFirst("\\.json$", ""));
            if (p.toString().endsWith(".json") && m.matches()) {
              ns.add(Integer.parseInt(m.group(1)));
            }
          });
    }
    ns.sort(null);
    for (int n : ns) {
      Path f = dir.resolve("v" + n + ".json");
      String trainedOn =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(f.toFile())
              .path("trainedOn")
              .asText("");
      out.add(new Version("v" + n, f, active.equals("v" + n), trainedOn));
    }
    return out;
  }

  /** The active version's name, or empty when the shipped model is in use. */
  public Optional<String> active() throws IOException {
    Path a = dir.resolve("active");
    if (!Files.isRegularFile(a)) {
      return Optional.empty();
    }
    String v = Files.readString(a, StandardCharsets.UTF_8).strip();
    return v.isEmpty() || v.equals(SHIPPED) ? Optional.empty() : Optional.of(v);
  }

  /** The active version's file, or empty when the shipped model is in use. */
  public Optional<Path> activeFile() throws IOException {
    Optional<String> v = active();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Path f = dir.resolve(v.get() + ".json");
    if (!Files.isRegularFile(f)) {
      throw new IllegalArgumentException(
          dir.resolve("active") + ": names " + v.get() + ", but " + f + " does not exist");
    }
    return Optional.of(f);
  }

  /** {@code director} ranking with the active version (unchanged when none is active). */
  public Director apply(Director director) throws IOException {
    Optional<Path> f = activeFile();
    return f.isEmpty() ? director : director.withModelFile(f.get());
  }

  /** Stores a candidate as the next version and makes it active; returns its name. */
  public String adopt(FusionLearning.Candidate candidate) throws IOException {
    Files.createDirectories(dir);
    int next =
        list().stream().mapToInt(v -> Integer.parseInt(v.name().substring(1))).max().orElse(0) + 1;
    String name = "v" + next;
    Path tmp = dir.resolve(name + ".json.tmp");
    candidate.write(tmp, name);
    Files.move(tmp, dir.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE);
    activate(name);
    return name;
  }

  /**
   * Makes a stored version (or {@link #SHIPPED}) the active one.
   *
   * @throws IllegalArgumentException naming the versions there are when it is not stored
   */
  public void use(String version) throws IOException {
    if (!version.equals(SHIPPED) && !Files.isRegularFile(dir.resolve(version + ".json"))) {
      throw new IllegalArgumentException(
          "no model version '"
              + version
              + "' in "
              + dir
              + " (stored: "
              + String.join(", ", list().stream().map(Version::name).toList())
              + (list().isEmpty() ? "none" : "")
              + "; or 'shipped')");
    }
    activate(version);
  }

  /**
   * Makes the version active before the current one again.
   *
   * @return the version now active
   * @throws IllegalArgumentException when there is no earlier activation to return to
   */
  public String rollback() throws IOException {
    List<String> h = history();
    if (h.size() < 2) {
      throw new IllegalArgumentException(
          "nothing to roll back to in " + dir + ": " + h.size() + " activation(s) recorded");
    }
    h.removeLast();
    String previous = h.getLast();
    write("active", previous + "\n");
    write("history", h.isEmpty() ? "" : String.join("\n", h) + "\n");
    return previous;
  }

  private void activate(String version) throws IOException {
    Files.createDirectories(dir);
    List<String> h = history();
    if (h.isEmpty()) {
      h.add(SHIPPED); // the shipped model was active before the first activation
    }
    h.add(version);
    write("active", version + "\n");
    write("history", String.join("\n", h) + "\n");
  }

  private List<String> history() throws IOException {
    Path f = dir.resolve("history");
    List<String> out = new ArrayList<>();
    if (Files.isRegularFile(f)) {
      Files.readAllLines(f, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(out::add);
    }
    return out;
  }

  private void write(String name, String text) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        dir.resolve(name),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
