package dev.warroom.connectors.git;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which files of a repository belong to which service: an explicit mapping ({@code paths: {cart:
 * services/cart}}), or one service owning the whole repository ({@code service: cart}), or else
 * each top-level folder is the service of that name (folders starting with '.' are not services).
 */
final class ServicePaths {
  private final Map<String, String> mapped;
  private final String single;

  ServicePaths(Map<String, String> mapped, String single) {
    Map<String, String> m = new LinkedHashMap<>();
    mapped.forEach((s, p) -> m.put(s, trim(p)));
    this.mapped = Map.copyOf(m);
    this.single = single;
  }

  private static String trim(String p) {
    String t = p.strip().replace('\\', '/');
    while (t.startsWith("./") || t.startsWith("/")) {
      t = t.substring(t.startsWith("./") ? 2 : 1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /**
   * The folder of {@code service} relative to the repository root ("" for the whole repository), or
   * null when the service has no files here; {@code topLevel} lists the root's folders.
   */
  String folderOf(String service, List<String> topLevel) {
    if (mapped.containsKey(service)) {
      return mapped.get(service);
    }
    if (single != null) {
      return single.equals(service) ? "" : null;
    }
    if (!mapped.isEmpty()) {
      return null;
    }
    return topLevel.contains(service) && !service.startsWith(".") ? service : null;
  }

  /** Every service the repository holds, given the root's folders. */
  List<String> services(List<String> topLevel) {
    if (!mapped.isEmpty()) {
      return List.copyOf(mapped.keySet());
    }
    if (single != null) {
      return List.of(single);
    }
    List<String> out = new ArrayList<>();
    for (String d : topLevel) {
      if (!d.startsWith(".")) {
        out.add(d);
      }
    }
    return out;
  }

  /** The services a changed file belongs to (a file may sit in two mapped folders). */
  List<String> servicesOf(String path) {
    List<String> out = new ArrayList<>();
    if (!mapped.isEmpty()) {
      mapped.forEach(
          (s, folder) -> {
            if (folder.isEmpty() || path.startsWith(folder + "/")) {
              out.add(s);
            }
          });
      return out;
    }
    if (single != null) {
      return List.of(single);
    }
    int slash = path.indexOf('/');
    if (slash > 0 && !path.startsWith(".")) {
      out.add(path.substring(0, slash));
    }
    return out;
  }
}
