package dev.warroom.engine.director;

import dev.warroom.model.FaultClass;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import java.util.List;

/**
 * What an SRE does next for each fault class: mitigate now, then fix for good. The texts name only
 * the candidate's service, which its evidence mentions.
 */
final class Remediations {
  private Remediations() {}

  static List<Remediation> of(RootCauseCandidate c) {
    String s = c.service();
    List<String> ids = c.evidenceIds();
    String[] steps =
        switch (c.faultClass()) {
          case CPU_SATURATION ->
              new String[] {
                "Scale out " + s + " or raise its CPU request so load spreads over more cores",
                "Profile " + s + " under the incident's load and remove the hot path"
              };
          case CPU_STEAL ->
              new String[] {
                "Move "
                    + s
                    + " off the contended node (cordon and drain it) or evict the noisy neighbour",
                "Set CPU requests and limits on the co-located workloads and use dedicated node pools"
              };
          case MEMORY_EXHAUSTION, MEMORY_LEAK ->
              new String[] {
                "Restart " + s + " on a rolling basis and raise its memory limit to stop OOM kills",
                "Find what retains memory in "
                    + s
                    + " with a heap profile and fix it; alert on working set vs limit"
              };
          case DISK_FULL ->
              new String[] {
                "Free space on the volume of "
                    + s
                    + " (rotate logs, delete temporary files) or grow the volume",
                "Add retention and a disk-usage alert at 80% for " + s
              };
          case DISK_IO_SATURATION ->
              new String[] {
                "Throttle batch I/O competing with " + s + " or move it to faster storage",
                "Provision IOPS for the workload of " + s + " and separate noisy I/O"
              };
          case NETWORK_LATENCY, PACKET_LOSS, NETWORK_PARTITION ->
              new String[] {
                "Shift traffic of "
                    + s
                    + " away from the affected path or zone and raise client timeouts briefly",
                "Fix the network path of "
                    + s
                    + " (interface errors, MTU, policies) and add retries with jitter"
              };
          case DNS_FAILURE ->
              new String[] {
                "Restore the resolver used by "
                    + s
                    + " or pin the dependency's address temporarily",
                "Make DNS for " + s + " redundant and cache resolutions"
              };
          case NODE_FAILURE ->
              new String[] {
                "Cordon the failed node and reschedule the pods of " + s,
                "Spread replicas of " + s + " across nodes and zones with anti-affinity"
              };
          case CRASH_LOOP ->
              new String[] {
                "Roll back the last change to " + s + " so its pods start again",
                "Validate the configuration of " + s + " in CI and at startup with a clear error"
              };
          case WRONG_ARCHITECTURE ->
              new String[] {
                "Roll back "
                    + s
                    + " to the previous image that runs on the nodes' CPU architecture",
                "Build multi-architecture images for "
                    + s
                    + " and pin the node architecture in the deployment"
              };
          case BAD_DEPLOY ->
              new String[] {
                "Roll back " + s + " to the previous version",
                "Fix the regression in " + s + " and gate releases with canary analysis"
              };
          case MISCONFIGURED_PORT ->
              new String[] {
                "Revert the configuration change of " + s + " so the proxy reaches the right port",
                "Check service ports and environment of "
                    + s
                    + " in CI against the proxy's configuration"
              };
          case CPU_THROTTLING ->
              new String[] {
                "Raise the CPU limit of " + s + " (or remove it) to stop throttling",
                "Size CPU requests and limits of " + s + " from measured usage"
              };
          case AUTOSCALER_LIMIT ->
              new String[] {
                "Raise the autoscaler's maximum replicas for " + s,
                "Capacity-plan " + s + " and alert when the autoscaler sits at its maximum"
              };
          case TLS_EXPIRED ->
              new String[] {
                "Renew and deploy the certificate used by " + s,
                "Automate certificate renewal for " + s + " and alert 14 days before expiry"
              };
          case RATE_LIMITED ->
              new String[] {
                "Reduce the request rate of " + s + " to its dependency or ask for a higher quota",
                "Add client-side rate limiting and backoff to " + s
              };
          case SLOW_QUERY ->
              new String[] {
                "Kill or throttle the expensive statement hitting " + s,
                "Add the missing index for the statement's predicate columns and review its plan"
              };
          case LOCK_CONTENTION ->
              new String[] {
                "End the blocking transaction on " + s,
                "Shorten transactions and order row locks consistently in the callers of " + s
              };
          case CONNECTION_POOL_EXHAUSTION ->
              new String[] {
                "Raise the connection-pool size of " + s + " temporarily and shed load",
                "Find the connection leak or slow calls holding connections in " + s
              };
          case CACHE_FAILURE ->
              new String[] {
                "Restore the cache of " + s + " and rate-limit misses to protect the database",
                "Add request coalescing and a fallback for cache outages in " + s
              };
          case QUEUE_BACKLOG ->
              new String[] {
                "Restart or scale the consumer " + s + " to drain the backlog",
                "Alert on consumer lag for " + s + " and handle poison messages"
              };
          case CODE_EXCEPTION ->
              new String[] {
                "Roll back or disable the failing code path in " + s,
                "Fix the exception at the failing line of " + s + " and add a test for it"
              };
          case RETRY_STORM ->
              new String[] {
                "Disable or cap retries in " + s + " and let the dependency recover",
                "Use exponential backoff with jitter and a retry budget in " + s
              };
          case THREAD_POOL_EXHAUSTION ->
              new String[] {
                "Raise the worker pool of " + s + " and shed load",
                "Remove blocking calls from the request threads of " + s
              };
          case PERFORMANCE_REGRESSION ->
              new String[] {
                "Roll back the latest change to " + s,
                "Profile " + s + " and fix the hot loop; add a latency benchmark to CI"
              };
          case NONE -> new String[0];
        };
    if (steps.length == 0) {
      return List.of();
    }
    return List.of(
        new Remediation(Remediation.Phase.MITIGATE, steps[0], ids),
        new Remediation(Remediation.Phase.FIX, steps[1], ids));
  }

  static boolean hasAdvice(FaultClass f) {
    return f != FaultClass.NONE;
  }
}
