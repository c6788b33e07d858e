package dev.warroom.model;

import java.util.Map;

/**
 * The optional {@code manifest.json} of a bundle: a name, a description, the time zone naive
 * timestamps are read in (an IANA id; "UTC" by default), the incident window (null when not
 * declared), and per-file format overrides ({@code "logs/app.log" -> "pattern:..."}).
 */
public record BundleManifest(
    String name,
    String description,
    String timeZone,
    TimeWindow window,
    Map<String, String> formats) {
  public BundleManifest {
    name = name == null ? "" : name;
    description = description == null ? "" : description;
    timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
    formats = Checks.copy(formats);
  }

  public static BundleManifest empty() {
    return new BundleManifest("", "", "UTC", null, Map.of());
  }
}
