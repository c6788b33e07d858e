package dev.warroom.experts.traces;

/**
 * An operation's part of the critical path (the chain of work that determines a trace's end-to-end
 * latency), averaged over traces. Milliseconds.
 *
 * @param operation the service and operation
 * @param incidentMsPerTrace mean critical-path time per incident trace
 * @param baselineMsPerTrace the same over the baseline traces
 * @param incidentShare fraction of the incident's total critical-path time
 */
public record CriticalPathShare(
    OperationKey operation,
    double incidentMsPerTrace,
    double baselineMsPerTrace,
    double incidentShare) {}
