package dev.warroom.experts.traces;

import java.time.Instant;
import java.util.List;

/**
 * An operation where errors originate: its spans are in error while none of their children is (the
 * deepest failing span of a trace), aggregated over many traces.
 *
 * @param operation the service and operation
 * @param suspect the component the errors point to: the remote peer when the origin is a client
 *     span (the callee failed without recording a failing span of its own, or is not instrumented),
 *     else the operation's service
 * @param incidentOrigins error-origin spans in the incident traces
 * @param incidentTraces incident traces with at least one origin here
 * @param incidentRate {@code incidentTraces} / all incident traces
 * @param baselineRate the same fraction in the baseline traces (0 when there is no baseline)
 * @param score {@code incidentRate - baselineRate}, clipped to [0,1]
 * @param exceptionTypes exception types recorded on the origin spans ({@code exception.type} of
 *     OpenTelemetry exception events), most frequent first
 * @param firstSeen start of the earliest origin span in the incident
 * @param exampleSpans up to 5 {@code traceId/spanId} of origin spans, for evidence
 */
public record ErrorOrigin(
    OperationKey operation,
    String suspect,
    int incidentOrigins,
    int incidentTraces,
    double incidentRate,
    double baselineRate,
    double score,
    List<String> exceptionTypes,
    Instant firstSeen,
    List<String> exampleSpans) {
  public ErrorOrigin {
    exceptionTypes = List.copyOf(exceptionTypes);
    exampleSpans = List.copyOf(exampleSpans);
  }
}
