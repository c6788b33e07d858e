package dev.warroom.experts.logs;

import dev.warroom.model.Severity;
import java.util.List;
import java.util.Objects;

/**
 * How one template's rate changed from the baseline to the incident window, for one service ({@code
 * service}; null when counted over all services). Rates are lines per minute; {@code pValue} is the
 * one-sided conditional binomial test of the two Poisson rates (see {@link FrequencyShift}); {@code
 * significant} applies the Benjamini-Hochberg false-discovery-rate level.
 */
public record TemplateShift(
    int templateId,
    String service,
    String template,
    Severity severity,
    Kind kind,
    long baselineCount,
    long incidentCount,
    double baselineRate,
    double incidentRate,
    double pValue,
    boolean significant,
    List<String> examples) {
  public TemplateShift {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    if (baselineCount < 0 || incidentCount < 0) {
      throw new IllegalArgumentException("negative count");
    }
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("pValue not in [0,1]: " + pValue);
    }
    examples = List.copyOf(examples);
  }

  /** What happened to the template. */
  public enum Kind {
    NEW,
    VANISHED,
    INCREASED,
    DECREASED,
    UNCHANGED
  }
}
