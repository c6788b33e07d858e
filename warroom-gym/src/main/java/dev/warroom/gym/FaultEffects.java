package dev.warroom.gym;

import dev.warroom.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How each {@link FaultType} bends the simulated state after onset. Faults act on the resource or
 * component they break (a pod's memory, a node's disk, an edge's packets, a query's plan); the
 * simulator's propagation turns that into symptoms elsewhere. Also records the {@link Occurrence}s
 * (OOM kills, crash loops, rollouts) that become events.
 */
final class FaultEffects implements Simulator.Effects {
  final List<Occurrence> occurrences = new ArrayList<>();
  private final Simulator sim;
  private final Injection inj;
  private final double sev;
  private final RandomGenerator rnd;
  private final int[] targetPods;
  private final long[] rolloutAt;
  private final double[] growthPerSec;
  private final double[] preRate;
  private final double[] preDemand;
  private double preUtil = 0.3;
  private double prePeerUtil = 0.3;
  private long lastT;
  private boolean announced;

  FaultEffects(Simulator sim, Injection inj, RandomGenerator rnd) {
    this.sim = sim;
    this.inj = inj;
    this.sev = inj.severity();
    this.rnd = rnd;
    this.targetPods = inj.service() >= 0 ? sim.cluster.podsOfService[inj.service()] : new int[0];
    this.rolloutAt = new long[targetPods.length];
    this.growthPerSec = new double[targetPods.length];
    for (int i = 0; i < targetPods.length; i++) {
      rolloutAt[i] = inj.onset() + 15_000 + i * (30_000L + rnd.nextInt(30_000));
      double fillSeconds =
          inj.fault() == FaultType.MEMORY_LEAK
              ? (900 + 600 * rnd.nextDouble()) / (0.5 + sev)
              : (420 + 360 * rnd.nextDouble()) / (0.5 + sev);
      growthPerSec[i] = (1 - sim.memBase[inj.service()]) / fillSeconds;
    }
    preRate = new double[sim.system.services().size()];
    preDemand = new double[targetPods.length];
  }

  private boolean on(long t) {
    return inj.activeAt(t);
  }

  @Override
  public void beforeRates(SimState st, long t, double dt) {
    if (inj.fault() == null || t < inj.onset()) {
      return;
    }
    if (!announced) {
      announced = true;
      announce();
    }
    boolean on = on(t);
    int svc = inj.service();
    switch (inj.fault()) {
      case NODE_FAILURE -> st.nodeReady[inj.node()] = t < inj.onset() + 20_000;
      case RETRY_STORM -> {
        int e = sim.graph.edge(svc, inj.peer());
        double ramp = Math.min(1, inj.elapsed(t) / 120);
        // enough retries to overload the dependency, whatever its load was
        double amp =
            Math.min(15, Math.max(3 + 5 * sev, (1.3 + 0.5 * sev) / Math.max(0.02, prePeerUtil)));
        st.edgeRateMult[e] = 1 + (amp - 1) * ramp;
        if (inj.elapsed(t) < 60) {
          for (int p : sim.cluster.podsOfService[inj.peer()]) {
            st.podErr[p] = 0.1; // the hiccup that starts the storm
            st.podFailure[p] = Failure.TIMEOUT;
          }
        }
      }
      case CACHE_FAILURE -> {
        double hit0 = st.svcHitRatio[svc] > 0 ? st.svcHitRatio[svc] : 0.93;
        double hit = on ? 0.15 + 0.35 * (1 - sev) : hit0;
        for (int caller : sim.graph.callersOf(svc)) {
          for (int callee : sim.graph.calleesOf(caller)) {
            if (sim.system.services().get(callee).kind() == ComponentKind.DATABASE) {
              st.edgeRateMult[sim.graph.edge(caller, callee)] = (1 - hit) / (1 - 0.93);
            }
          }
        }
        st.svcEvictions[svc] = on ? 800 + 4000 * sev : 0;
      }
      case QUEUE_BACKLOG -> {
        for (int q : sim.graph.callersOf(svc)) {
          if (sim.system.services().get(q).kind() == ComponentKind.QUEUE) {
            st.edgeRateMult[sim.graph.edge(q, svc)] = 0.02 * (1 - sev);
          }
        }
      }
      case RATE_LIMITED -> {
        for (int caller : sim.graph.callersOf(svc)) {
          st.edgeRateMult[sim.graph.edge(caller, svc)] = on ? 1.35 : 1;
        }
      }
      case AUTOSCALER_MAX -> {
        // a campaign surge large enough to push the capped deployment past its CPU
        double surge = 2 + sev;
        double ramp = Math.min(1, inj.elapsed(t) / 180);
        for (int s = 0; s < st.svcLoadMult.length; s++) {
          st.svcLoadMult[s] = 1 + (surge - 1) * ramp;
        }
      }
      default -> {}
    }
  }

  private void announce() {
    int svc = inj.service();
    String detail =
        switch (inj.fault()) {
          case CRASH_LOOP_BAD_CONFIG -> "DB_POOL_MAX_SIZE";
          case MISCONFIGURED_PORT -> "PORT";
          case CPU_LIMIT_TOO_LOW -> "resources.limits.cpu";
          default -> "";
        };
    switch (inj.fault()) {
      case CRASH_LOOP_BAD_CONFIG, MISCONFIGURED_PORT, CPU_LIMIT_TOO_LOW ->
          occurrences.add(
              new Occurrence(inj.onset(), Occurrence.Kind.CONFIG_CHANGE, svc, -1, -1, detail));
      case WRONG_ARCHITECTURE, BAD_DEPLOY, PERFORMANCE_REGRESSION, MEMORY_LEAK ->
          occurrences.add(
              new Occurrence(inj.onset(), Occurrence.Kind.DEPLOY, svc, -1, -1, inj.fault().id()));
      case NODE_FAILURE ->
          occurrences.add(
              new Occurrence(
                  inj.onset() + 40_000, Occurrence.Kind.NODE_NOT_READY, -1, -1, inj.node(), ""));
      case AUTOSCALER_MAX ->
          occurrences.add(
              new Occurrence(
                  inj.onset() + 60_000, Occurrence.Kind.SCALING_LIMITED, svc, -1, -1, ""));
      default -> {}
    }
  }

  @Override
  public void afterRates(SimState st, long t, double dt) {
    if (inj.fault() == null) {
      return;
    }
    if (t < inj.onset()) {
      System.arraycopy(st.svcRate, 0, preRate, 0, preRate.length);
      for (int i = 0; i < targetPods.length; i++) {
        preDemand[i] = st.podCpuDemand[targetPods[i]];
        preUtil = st.podCpuDemand[targetPods[i]] / st.podCpuLimit[targetPods[i]];
      }
      if (inj.peer() >= 0) {
        int pp = sim.cluster.podsOfService[inj.peer()][0];
        prePeerUtil = st.podCpuDemand[pp] / st.podCpuLimit[pp];
      }
      if (inj.fault() == FaultType.TLS_CERT_EXPIRED) {
        st.svcCertExpirySec[inj.service()] = inj.onset() / 1000.0;
      }
      return;
    }
    boolean on = on(t);
    double el = inj.elapsed(t);
    int svc = inj.service();
    switch (inj.fault()) {
      case CPU_HOG -> {
        if (on) {
          st.podCpuExtra[inj.pod()] += st.podCpuLimit[inj.pod()] * (0.7 + 0.8 * sev);
        }
      }
      case NOISY_NEIGHBOUR -> {
        if (on) {
          int cpus = sim.system.nodes().get(inj.node()).cpus();
          st.podCpuLimit[inj.pod()] = cpus;
          st.podCpuExtra[inj.pod()] += cpus * 0.97;
          st.nodeSteal[inj.node()] += 0.12 + 0.3 * sev;
        } else {
          st.podCpuLimit[inj.pod()] = sim.system.services().get(svc).cpuLimit();
        }
      }
      case MEMORY_EXHAUSTION, MEMORY_LEAK -> memoryGrowth(st, t, dt);
      case DISK_FULL -> {
        int node = dbNode();
        double fill = Math.min(1, el / (240 + 360 * (1 - sev)));
        st.nodeDiskUsed[node] = Math.max(st.nodeDiskUsed[node], 0.80 + 0.2 * fill);
        if (fill >= 1) {
          failWrites(st, 0.9, Failure.DISK_FULL);
          if (el < 1000
              && dt > 0
              && occurrences.stream().noneMatch(o -> o.kind() == Occurrence.Kind.DISK_PRESSURE)) {
            occurrences.add(new Occurrence(t, Occurrence.Kind.DISK_PRESSURE, svc, -1, node, ""));
          }
        }
      }
      case DISK_IO_SATURATION -> {
        if (on) {
          st.nodeIoUtil[dbNode()] = 0.97;
          for (int ep : sim.graph.endpointsOfService[svc]) {
            st.epSelfMult[ep] *= 30 + 120 * sev;
            st.epSelfErr[ep] = 0.01 + 0.06 * sev;
            st.epSelfFailure[ep] = Failure.TIMEOUT;
          }
        }
      }
      case NETWORK_LATENCY, PACKET_LOSS -> network(st, on);
      case NETWORK_PARTITION -> {
        int e = sim.graph.edge(svc, inj.peer());
        if (on) {
          st.edgeErr[e] = 0.15 + 0.45 * sev;
          st.edgeFailure[e] = (t / 15_000) % 3 == 0 ? Failure.TIMEOUT : Failure.CONNECTION_REFUSED;
          st.edgeJitterMs[e] = 300 + 1500 * sev;
          st.edgeLatAddMs[e] = 80;
        }
      }
      case DNS_FAILURE -> {
        if (on) {
          for (int callee : sim.graph.calleesOf(svc)) {
            int e = sim.graph.edge(svc, callee);
            st.edgeErr[e] = 0.3 + 0.6 * sev;
            st.edgeFailure[e] = Failure.UNKNOWN_HOST;
            st.edgeLatAddMs[e] =
                5000 * (0.3 + 0.6 * sev) / 4; // resolver timeouts (5 s) on failed lookups
          }
          st.svcDnsFailRate[svc] = st.svcRate[svc] * (0.3 + 0.6 * sev);
          st.dnsServfail += st.svcDnsFailRate[svc];
        }
      }
      case NODE_FAILURE -> {}
      case CRASH_LOOP_BAD_CONFIG, WRONG_ARCHITECTURE -> crashRollout(st, t);
      case BAD_DEPLOY -> {
        double share = rolledOutShare(t);
        st.epSelfErr[inj.endpoint()] = share * (0.3 + 0.6 * sev);
        st.epSelfFailure[inj.endpoint()] = Failure.BAD_REQUEST_CONTRACT;
      }
      case MISCONFIGURED_PORT -> {
        for (int i = 0; i < targetPods.length; i++) {
          if (t >= rolloutAt[i] && (sev >= 0.5 || i < (targetPods.length + 1) / 2)) {
            st.podErr[targetPods[i]] = 1;
            st.podFailure[targetPods[i]] = Failure.UPSTREAM_CONNECT;
          }
        }
      }
      case CPU_LIMIT_TOO_LOW -> {
        // the new limit is below what the pods used at onset: they throttle at normal load
        double factor = 0.45 + 0.3 * (1 - sev);
        for (int i = 0; i < targetPods.length; i++) {
          if (t >= rolloutAt[i]) {
            st.podCpuLimit[targetPods[i]] = Math.max(0.02, preDemand[i] * factor);
          }
        }
      }
      case AUTOSCALER_MAX -> {
        lastT = t;
        autoscale(st);
      }
      case TLS_CERT_EXPIRED -> {
        st.svcCertExpirySec[svc] = inj.onset() / 1000.0;
        double share = Math.min(1, el / (120 + 180 * (1 - sev)));
        for (int caller : sim.graph.callersOf(svc)) {
          int e = sim.graph.edge(caller, svc);
          st.edgeErr[e] = share;
          st.edgeFailure[e] = Failure.TLS_EXPIRED;
        }
      }
      case RATE_LIMITED -> {
        if (on) {
          for (int caller : sim.graph.callersOf(svc)) {
            int e = sim.graph.edge(caller, svc);
            st.edgeErr[e] = 0.2 + 0.5 * sev;
            st.edgeFailure[e] = Failure.RATE_LIMITED;
          }
        }
      }
      case UNINDEXED_QUERY -> {
        st.epRowsMult[inj.endpoint()] = 200 + 2000 * sev;
        st.epSelfMult[inj.endpoint()] *= 8 + 30 * sev;
        st.podCpuExtra[inj.pod()] += st.podCpuLimit[inj.pod()] * (0.5 + 0.2 * sev);
        st.nodeIoUtil[dbNode()] += 0.3 + 0.3 * sev;
        st.svcSlowQps[svc] += st.epRate[inj.endpoint()] * (0.3 + 0.6 * sev);
      }
      case LOCK_CONTENTION -> {
        if (on) {
          st.svcLockWaits[svc] = 5 + 40 * sev;
          for (int ep : writeEndpoints()) {
            st.epSelfMult[ep] *= 10 + 40 * sev;
            st.epSelfErr[ep] = 0.04 + 0.2 * sev;
            st.epSelfFailure[ep] = Failure.LOCK_TIMEOUT;
          }
        }
      }
      case CONNECTION_POOL_EXHAUSTION -> {
        double leak = Math.min(1, el / (180 + 300 * (1 - sev)));
        for (int p : targetPods) {
          st.podPoolUsed[p] = Math.max(st.podPoolUsed[p], sim.poolMax[svc] * (0.3 + 0.7 * leak));
          if (leak >= 1) {
            st.podPoolPending[p] = st.podRate[p] * 2;
            st.podErr[p] = 0.3 + 0.6 * sev;
            st.podFailure[p] = Failure.POOL_EXHAUSTED;
            st.podLatAddMs[p] += 5000 * 0.5;
          }
        }
      }
      case CACHE_FAILURE -> {
        if (on) {
          for (int ep : sim.graph.endpointsOfService[svc]) {
            st.epSelfMult[ep] *= 3;
            st.epSelfErr[ep] = 0.02 + 0.08 * sev;
            st.epSelfFailure[ep] = Failure.TIMEOUT;
          }
        }
      }
      case QUEUE_BACKLOG -> {
        for (int q : sim.graph.callersOf(svc)) {
          if (sim.system.services().get(q).kind() == ComponentKind.QUEUE) {
            int e = sim.graph.edge(q, svc);
            double produced = 0;
            for (int ep : sim.graph.endpointsOfService[q]) {
              for (Graph.CallRef c : sim.graph.calls.get(ep)) {
                if (c.edge() == e) {
                  produced += st.epRate[ep] * c.count();
                }
              }
            }
            st.svcLag[svc] += Math.max(0, produced - st.edgeRate[e]) * dt;
          }
        }
        for (int p : targetPods) {
          st.podThreads[p] = 4;
        }
      }
      case NULL_DEREFERENCE -> {
        if (on) {
          st.epSelfErr[inj.endpoint()] = 0.05 + 0.3 * sev;
          st.epSelfFailure[inj.endpoint()] = Failure.NULL_DEREFERENCE;
        }
      }
      case RETRY_STORM -> {}
      case THREAD_POOL_EXHAUSTION -> {
        double ramp = Math.min(1, el / 90);
        for (int p : targetPods) {
          st.podLatAddMs[p] += ramp * (1500 + 6000 * sev);
          st.podErr[p] = ramp * (0.08 + 0.35 * sev);
          st.podFailure[p] = Failure.THREADS_REJECTED;
        }
      }
      case PERFORMANCE_REGRESSION -> {
        double share = rolledOutShare(t);
        st.epSelfMult[inj.endpoint()] *= 1 + share * (15 + 60 * sev);
        st.svcCpuPerReqMult[svc] *= 1 + share * (2 + 4 * sev);
      }
    }
  }

  /**
   * During the surge every other deployment's HPA adds pods (per-pod load stays flat); the target
   * is already at maxReplicas, so its pods absorb the whole surge.
   */
  private void autoscale(SimState st) {
    int target = inj.service();
    for (int s = 0; s < preRate.length; s++) {
      SystemSpec.Service spec = sim.system.services().get(s);
      double ratio = Math.max(1, st.svcRate[s] / Math.max(1e-9, preRate[s]));
      st.svcDesiredReplicas[s] = Math.ceil(spec.replicas() * ratio);
      if (s == target) {
        st.svcMaxReplicas[s] = spec.replicas();
        // the campaign's traffic is heavy for this service: per-pod CPU goes past the quota
        double need = Math.max(1, (1.15 + 0.5 * sev) / Math.max(0.02, preUtil * ratio));
        double ramp = Math.min(1, inj.elapsed(lastT) / 180);
        st.svcCpuPerReqMult[s] *= 1 + (need - 1) * ramp;
        st.svcDesiredReplicas[s] = Math.ceil(spec.replicas() * ratio * (1 + (need - 1) * ramp));
      } else if (spec.kind() == ComponentKind.SERVICE) {
        st.svcCpuPerReqMult[s] /= ratio;
        st.svcMaxReplicas[s] = Math.max(st.svcMaxReplicas[s], st.svcDesiredReplicas[s]);
      }
    }
  }

  private int dbNode() {
    return sim.cluster.pods.get(sim.cluster.podsOfService[inj.service()][0]).node();
  }

  private List<Integer> writeEndpoints() {
    List<Integer> out = new ArrayList<>();
    for (int ep : sim.graph.endpointsOfService[inj.service()]) {
      String stmt =
          sim.system.services().get(inj.service()).endpoint(sim.graph.endpointName[ep]).statement();
      if (stmt.startsWith("INSERT") || stmt.startsWith("UPDATE") || stmt.startsWith("DELETE")) {
        out.add(ep);
      }
    }
    return out;
  }

  private void failWrites(SimState st, double share, Failure f) {
    for (int ep : writeEndpoints()) {
      st.epSelfErr[ep] = share;
      st.epSelfFailure[ep] = f;
    }
  }

  private double rolledOutShare(long t) {
    int done = 0;
    for (long at : rolloutAt) {
      done += t >= at ? 1 : 0;
    }
    return done / (double) Math.max(1, rolloutAt.length);
  }

  private void network(SimState st, boolean on) {
    if (!on) {
      return;
    }
    int svc = inj.service();
    boolean loss = inj.fault() == FaultType.PACKET_LOSS;
    for (int p : targetPods) {
      st.podRttMs[p] += loss ? 40 : 60 + 300 * sev;
      st.podRetrans[p] = st.podRate[p] * (loss ? 0.5 + 3 * sev : 0.05);
      st.podDrops[p] = loss ? st.podRate[p] * (0.2 + 1.5 * sev) : 0;
    }
    for (int caller : sim.graph.callersOf(svc)) {
      int e = sim.graph.edge(caller, svc);
      st.edgeLatAddMs[e] += loss ? 200 * (0.2 + sev) : 60 + 300 * sev;
      st.edgeJitterMs[e] += loss ? 400 : 40 + 200 * sev;
      if (loss) {
        st.edgeErr[e] = 0.02 + 0.1 * sev;
        st.edgeFailure[e] = Failure.TIMEOUT;
      }
    }
  }

  private void memoryGrowth(SimState st, long t, double dt) {
    int svc = inj.service();
    for (int i = 0; i < targetPods.length; i++) {
      int p = targetPods[i];
      long startAt = inj.onset() + (long) (sim.podPhase[p] * 90_000);
      if (t < startAt) {
        continue;
      }
      if (t < st.podDownUntil[p]) {
        st.podUp[p] = false;
        continue;
      }
      if (!st.podUp[p]) {
        st.podUp[p] = true;
        st.podMemFrac[p] = sim.memBase[svc];
        occurrences.add(new Occurrence(t, Occurrence.Kind.RESTARTED, svc, p, -1, ""));
      }
      double load =
          inj.fault() == FaultType.MEMORY_LEAK
              ? st.podRate[p] / Math.max(1e-9, meanPodRate(st, svc))
              : 1;
      st.podMemFrac[p] += growthPerSec[i] * dt * load * (1 + 0.5 * st.podRestarts[p]);
      if (st.podMemFrac[p] >= 1.0) {
        st.podMemFrac[p] = 1.0;
        st.podRestarts[p]++;
        long backoff = Math.min(300_000, 10_000L << Math.min(5, st.podRestarts[p] - 1));
        st.podDownUntil[p] = t + 15_000 + backoff;
        st.podUp[p] = false;
        occurrences.add(new Occurrence(t, Occurrence.Kind.OOM_KILLED, svc, p, -1, ""));
      }
    }
  }

  private double meanPodRate(SimState st, int svc) {
    double sum = 0;
    for (int p : targetPods) {
      sum += st.podRate[p];
    }
    return Math.max(1e-9, sum / targetPods.length);
  }

  private void crashRollout(SimState st, long t) {
    int svc = inj.service();
    boolean arch = inj.fault() == FaultType.WRONG_ARCHITECTURE;
    String imageArch = imageArch();
    for (int i = 0; i < targetPods.length; i++) {
      int p = targetPods[i];
      String nodeArch = sim.system.nodes().get(sim.cluster.pods.get(p).node()).arch();
      boolean breaks =
          arch ? !nodeArch.equals(imageArch) : (sev >= 0.5 || i < (targetPods.length + 1) / 2);
      if (t >= rolloutAt[i] && breaks) {
        if (!st.podCrashLooping[p]) {
          st.podCrashLooping[p] = true;
          occurrences.add(
              new Occurrence(
                  rolloutAt[i],
                  arch ? Occurrence.Kind.EXEC_FORMAT_ERROR : Occurrence.Kind.CRASH,
                  svc,
                  p,
                  -1,
                  ""));
        }
        st.podRestarts[p] = 1 + (int) ((t - rolloutAt[i]) / 60_000);
      }
    }
    int crashing = 0;
    for (int p : targetPods) {
      crashing += st.podCrashLooping[p] ? 1 : 0;
    }
    if (crashing > 0) {
      // each restart briefly passes readiness and takes connections it then drops
      double lost = crashing / (double) targetPods.length;
      for (int caller : sim.graph.callersOf(svc)) {
        int e = sim.graph.edge(caller, svc);
        st.edgeErr[e] = Math.max(st.edgeErr[e], lost * (0.15 + 0.3 * sev));
        st.edgeFailure[e] = Failure.UPSTREAM_CONNECT;
      }
    }
  }

  /** The architecture the broken image was built for: the one the fewest nodes have. */
  String imageArch() {
    long arm = sim.system.nodes().stream().filter(n -> n.arch().equals("arm64")).count();
    return arm > 0 ? "amd64" : "arm64";
  }
}
