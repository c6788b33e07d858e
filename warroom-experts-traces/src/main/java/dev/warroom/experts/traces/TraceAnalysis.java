package dev.warroom.experts.traces;

import dev.warroom.model.Finding;
import java.util.List;

/**
 * Everything {@link TraceExpert#analyze} found in the incident traces, compared with the baseline.
 *
 * @param errorOrigins operations where errors originate, most increased first
 * @param latencyShifts self-time shift per operation, largest increase first
 * @param criticalPath critical-path time per operation in the incident, largest first
 * @param flame the heaviest folded stacks of the incident by self time
 * @param serviceGraph the dependency graph of the incident traces
 * @param findings the conclusions worth reporting, each with its evidence
 */
public record TraceAnalysis(
    List<ErrorOrigin> errorOrigins,
    List<SelfTimeShift> latencyShifts,
    List<CriticalPathShare> criticalPath,
    List<FlameFrame> flame,
    ServiceGraph serviceGraph,
    List<Finding> findings) {
  public TraceAnalysis {
    errorOrigins = List.copyOf(errorOrigins);
    latencyShifts = List.copyOf(latencyShifts);
    criticalPath = List.copyOf(criticalPath);
    flame = List.copyOf(flame);
    findings = List.copyOf(findings);
  }
}
