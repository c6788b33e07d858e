package dev.warroom.experts.logs;

import dev.warroom.model.Finding;
import java.util.List;

/**
 * What {@link LogExpert#analyze} found: the mined templates (both windows), their frequency shifts
 * (significant first, errors and warnings first), the classified error templates of the incident
 * window, and the findings for the engine.
 */
public record LogAnalysis(
    List<LogTemplate> templates,
    List<TemplateShift> shifts,
    List<ClassifiedError> errors,
    List<Finding> findings) {
  public LogAnalysis {
    templates = List.copyOf(templates);
    shifts = List.copyOf(shifts);
    errors = List.copyOf(errors);
    findings = List.copyOf(findings);
  }
}
