package dev.warroom.experts.traces;

/**
 * How much more (or less) time an operation spends in itself, excluding its children, in the
 * incident than in the baseline. Times are milliseconds.
 *
 * @param operation the service and operation
 * @param suspect where the time goes: for a client operation its remote peer (time in a client span
 *     outside the callee's own span is network, queueing or an uninstrumented callee), else the
 *     operation's service
 * @param baselineMeanSelfMs mean self time per call in the baseline (0 when absent)
 * @param incidentMeanSelfMs mean self time per call in the incident
 * @param baselineSelfMsPerTrace total self time of the operation divided by the baseline's traces
 * @param incidentSelfMsPerTrace the same over the incident's traces
 * @param shiftMsPerTrace {@code incidentSelfMsPerTrace - baselineSelfMsPerTrace}: the operation's
 *     contribution to the change of end-to-end work per trace
 * @param share this shift's fraction of the sum of all positive shifts (0 for a negative shift)
 */
public record SelfTimeShift(
    OperationKey operation,
    String suspect,
    double baselineMeanSelfMs,
    double incidentMeanSelfMs,
    double baselineSelfMsPerTrace,
    double incidentSelfMsPerTrace,
    double shiftMsPerTrace,
    double share) {}
