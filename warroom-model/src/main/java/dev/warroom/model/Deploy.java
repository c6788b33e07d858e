package dev.warroom.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A new version of a service was rolled out. {@code previousVersion} may be null. {@code author}
 * and {@code attributes} are optional.
 */
public record Deploy(
    Instant time,
    String service,
    String version,
    String image,
    String previousVersion,
    String author,
    Map<String, String> attributes)
    implements Event {
  public Deploy {
    Objects.requireNonNull(time, "time");
    Checks.nonBlank(service, "service");
    Checks.nonBlank(version, "version");
    image = image == null ? "" : image;
    previousVersion = Checks.blankToNull(previousVersion);
    author = Checks.blankToNull(author);
    attributes = Checks.copy(attributes);
  }

  @Override
  public String describe() {
    return "deploy "
        + service
        + " "
        + (previousVersion == null ? "" : previousVersion + " -> ")
        + version
        + (image.isEmpty() ? "" : " (" + image + ")");
  }
}
