package dev.warroom.model;

import java.util.Objects;

/** One file of a service's source snapshot ({@code code/<service>/<path>} in a bundle). */
public record SourceFile(String service, String path, String content) {
  public SourceFile {
    Checks.nonBlank(service, "service");
    Checks.nonBlank(path, "path");
    if (path.startsWith("/") || path.contains("..")) {
      throw new IllegalArgumentException("path must be relative without '..': " + path);
    }
    Objects.requireNonNull(content, "content");
  }
}
