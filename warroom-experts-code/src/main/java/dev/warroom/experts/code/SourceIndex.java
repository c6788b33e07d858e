package dev.warroom.experts.code;

import dev.warroom.model.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the file of a code snapshot that a frame points at. Java frames name a class, so {@code
 * com.shop.Cart$Line.total} in {@code Cart.java} looks for a path ending in {@code
 * com/shop/Cart.java}; other runtimes print the path the code had where it ran ({@code
 * /usr/src/app/src/cart.js}, {@code /app/shop/views.py}), matched by the longest common suffix of
 * path segments with a snapshot file (at least the file name).
 */
public final class SourceIndex {
  private final Map<String, List<SourceFile>> byName;

  private SourceIndex(Map<String, List<SourceFile>> byName) {
    this.byName = byName;
  }

  public static SourceIndex of(List<SourceFile> files) {
    Map<String, List<SourceFile>> byName = new HashMap<>();
    for (SourceFile f : files) {
      byName.computeIfAbsent(name(f.path()), k -> new ArrayList<>()).add(f);
    }
    return new SourceIndex(byName);
  }

  /** The snapshot file of {@code frame}, if it is in the snapshot. */
  public Optional<SourceFile> find(Language language, StackFrame frame) {
    return find(language, frame, null);
  }

  /**
   * The snapshot file of {@code frame}, preferring the files of {@code service} (the service that
   * reported the trace; null when unknown) when several services have a file of that name.
   */
  public Optional<SourceFile> find(Language language, StackFrame frame, String service) {
    if (frame.file().isEmpty()) {
      return Optional.empty();
    }
    String wanted = frame.file().replace('\\', '/');
    if (language == Language.JAVA) {
      String cls =
          frame.function().contains(".")
              ? frame.function().substring(0, frame.function().lastIndexOf('.'))
              : frame.function();
      int dot = cls.lastIndexOf('.');
      wanted = (dot < 0 ? "" : cls.substring(0, dot).replace('.', '/') + "/") + name(wanted);
    }
    List<SourceFile> candidates = byName.getOrDefault(name(wanted), List.of());
    if (service != null && candidates.stream().anyMatch(f -> f.service().equals(service))) {
      candidates = candidates.stream().filter(f -> f.service().equals(service)).toList();
    }
    SourceFile best = null;
    int bestScore = 0;
    for (SourceFile f : candidates) {
      int score = commonSuffixSegments(f.path(), wanted);
      if (score > bestScore) {
        best = f;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int commonSuffixSegments(String a, String b) {
    String[] x = a.split("/");
    String[] y = b.split("/");
    int n = 0;
    while (n < x.length && n < y.length && x[x.length - 1 - n].equals(y[y.length - 1 - n])) {
      n++;
    }
    return n;
  }

  private static String name(String path) {
    String p = path.replace('\\', '/');
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
