package dev.warroom.experts.metrics.nab;

import java.util.List;

/** A detector's NAB scores over a corpus, one entry per application profile. */
public record NabReport(String detector, int files, int windows, List<ProfileScore> profiles) {
  public NabReport {
    profiles = List.copyOf(profiles);
  }

  public ProfileScore profile(String name) {
    return profiles.stream()
        .filter(p -> p.profile().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no profile " + name + " in report"));
  }
}
