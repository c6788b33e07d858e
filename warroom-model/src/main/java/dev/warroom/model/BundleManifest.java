package dev.warroom.model;

import java.util.Map;

/**
 * The optional {@code manifest.json} of a bundle: a name, a description, the time zone naive
 * timestamps are read in (an IANA id; "UTC" by default), the incident window (null when not
 * declared), per-file format overrides ({@code "logs/app.log" -> "pattern:..."}), and the baseline
 * window that defines "normal" (null when not declared: the engine chooses one from the data).
 */
public record BundleManifest(
    String name,
    String description,
    String timeZone,
    TimeWindow window,
    Map<String, String> formats,
    TimeWindow baseline) {
  public BundleManifest {
    name = name == null ? "" : name;
    description = description == null ? "" : description;
    timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
    formats = Checks.copy(formats);
  }

  /** A manifest that declares no baseline. */
  public BundleManifest(
      String name,
      String description,
      String timeZone,
      TimeWindow window,
      Map<String, String> formats) {
    this(name, description, timeZone, window, formats, null);
  }

  public static BundleManifest empty() {
    return new BundleManifest("", "", "UTC", null, Map.of());
  }
}
