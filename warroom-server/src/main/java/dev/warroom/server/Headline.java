package dev.warroom.server;

import dev.warroom.model.RcaReport;

/**
 * A finished report's headline: its top root-cause candidate (service, fault class id, confidence
 * 0..1), or {@link #NONE} when the report names no candidate.
 */
public record Headline(String topService, String faultClass, Double confidence) {
  public static final Headline NONE = new Headline(null, null, null);

  static Headline of(RcaReport r) {
    if (r.candidates().isEmpty()) {
      return NONE;
    }
    var c = r.candidates().getFirst();
    return new Headline(c.service(), c.faultClass().id(), c.confidence());
  }

  /** "{@code ad (bad_deploy, 87%)}", or null when there is no candidate. */
  String describe() {
    if (topService == null) {
      return null;
    }
    return topService
        + " ("
        + (faultClass == null ? "unknown class" : faultClass)
        + (confidence == null ? "" : ", " + Math.round(confidence * 100) + "%")
        + ")";
  }
}
