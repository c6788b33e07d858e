package dev.warroom.gym;

import dev.warroom.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Steps the system through the timeline. Each step: load from the {@link Workload}; request rates
 * pushed down the call graph (callers before callees); faults and red herrings bend the state; CPU,
 * throttling, steal and GC follow from load and memory; latency and errors are pulled up the graph
 * (callees before callers), so a slow or failing dependency shows up in every caller. The {@link
 * MetricRecorder} samples each step; window steps are also kept as {@link Frame}s for the trace and
 * log synthesis.
 */
final class Simulator {
  /** What the trace and log synthesis needs from one window step. */
  record Frame(
      long time,
      double[] epRate,
      double[] epErr,
      Failure[] epFailure,
      double[] epSelfMult,
      double[] epSelfErr,
      Failure[] epSelfFailure,
      double[] epRowsMult,
      double[] podSelfMs,
      double[] podErr,
      Failure[] podFailure,
      boolean[] podUp,
      double[] edgeLatAddMs,
      double[] edgeJitterMs,
      double[] edgeErr,
      Failure[] edgeFailure,
      double[] edgeRateMult,
      double[] podGc,
      double[] svcLag,
      double[] svcSlowQps,
      double[] svcLockWaits,
      double[] podThreads) {}

  /** Propagation: share of a dependency's failures the caller turns into its own failure. */
  static final double PROPAGATION = 0.85;

  final SystemSpec system;
  final Graph graph;
  final Cluster cluster;
  final Timeline timeline;
  final SimState st;
  final Workload workload;
  final List<Frame> frames = new ArrayList<>();
  // per-service and per-endpoint profile, drawn once from the seed
  final double[] cpuPerReq;
  final double[] cpuBase;
  final double[] memBase;
  final double[] baseErr;
  final double[] noiseSigma;
  final double[] threadsMax;
  final double[] poolMax;
  final double[] epFactor;
  final double[] dbRowsPerCall;
  final double[] podPhase;
  private final RandomGenerator rnd;

  Simulator(
      SystemSpec system,
      Cluster cluster,
      Timeline timeline,
      Workload workload,
      RandomGenerator rnd) {
    this.system = system;
    this.graph = new Graph(system);
    this.cluster = cluster;
    this.timeline = timeline;
    this.workload = workload;
    this.rnd = rnd;
    int nS = system.services().size();
    int nP = cluster.pods.size();
    st = new SimState(graph.nEndpoints, nP, system.nodes().size(), graph.edgeCaller.length, nS);
    cpuPerReq = new double[nS];
    cpuBase = new double[nS];
    memBase = new double[nS];
    baseErr = new double[nS];
    noiseSigma = new double[nS];
    threadsMax = new double[nS];
    poolMax = new double[nS];
    epFactor = new double[graph.nEndpoints];
    dbRowsPerCall = new double[graph.nEndpoints];
    podPhase = new double[nP];
    for (int e = 0; e < graph.nEndpoints; e++) {
      epFactor[e] = 0.6 + rnd.nextDouble();
      dbRowsPerCall[e] = Math.exp(rnd.nextDouble() * 3.5);
    }
    st.resetTransient();
    computeRates(1.6);
    for (int s = 0; s < nS; s++) {
      SystemSpec.Service svc = system.services().get(s);
      double peakPerPod = st.svcRate[s] / svc.replicas();
      double targetUtil = 0.22 + 0.16 * rnd.nextDouble();
      cpuBase[s] = svc.cpuLimit() * 0.03;
      cpuPerReq[s] =
          Math.max(1e-6, (svc.cpuLimit() * targetUtil - cpuBase[s]) / Math.max(0.5, peakPerPod));
      memBase[s] = 0.38 + 0.25 * rnd.nextDouble();
      baseErr[s] =
          svc.kind() == ComponentKind.SERVICE ? 0.0004 + 0.0012 * rnd.nextDouble() : 0.0001;
      noiseSigma[s] = 0.06 + 0.04 * rnd.nextDouble();
      threadsMax[s] =
          svc.language().equals("java") ? 200 : svc.language().equals("python") ? 32 : 128;
      poolMax[s] = 10 + 5 * rnd.nextInt(3);
      st.svcHitRatio[s] = svc.kind() == ComponentKind.CACHE ? 0.9 + 0.06 * rnd.nextDouble() : 0;
      st.svcMaxReplicas[s] = svc.replicas() * 2 + 2;
      st.svcDesiredReplicas[s] = svc.replicas();
      st.svcCertExpirySec[s] = 0;
    }
    for (int p = 0; p < nP; p++) {
      int s = cluster.pods.get(p).service();
      st.podMemFrac[p] = memBase[s];
      st.podUp[p] = true;
      st.podCpuLimit[p] = system.services().get(s).cpuLimit();
      podPhase[p] = rnd.nextDouble();
    }
    for (int n = 0; n < system.nodes().size(); n++) {
      st.nodeDiskUsed[n] = 0.3 + 0.3 * rnd.nextDouble();
    }
  }

  /** Runs every step, calling the effects and the recorder. */
  void run(List<Effects> effects, MetricRecorder recorder) {
    for (int i = 0; i < timeline.size(); i++) {
      long t = timeline.times[i];
      double dt = timeline.stepSeconds(i);
      double f = workload.factor(t);
      st.resetTransient();
      for (Effects e : effects) {
        e.beforeRates(st, t, dt);
      }
      computeRates(f);
      for (Effects e : effects) {
        e.afterRates(st, t, dt);
      }
      computeResources(dt);
      computeLatencyAndErrors();
      recorder.record(i, st, dt);
      if (i >= timeline.firstWindowStep) {
        frames.add(snapshot(t));
      }
    }
  }

  void computeRates(double f) {
    java.util.Arrays.fill(st.epRate, 0);
    java.util.Arrays.fill(st.edgeRate, 0);
    for (int s : graph.serviceOrder) {
      for (int ep : graph.endpointsOfService[s]) {
        st.epRate[ep] += graph.entryWeight[ep] * f * st.svcLoadMult[s];
        for (Graph.CallRef c : graph.calls.get(ep)) {
          double r = st.epRate[ep] * c.count() * st.edgeRateMult[c.edge()];
          st.epRate[c.callee()] += r;
          st.edgeRate[c.edge()] += r;
        }
      }
    }
    for (int s = 0; s < st.svcRate.length; s++) {
      double sum = 0;
      for (int ep : graph.endpointsOfService[s]) {
        sum += st.epRate[ep];
      }
      st.svcRate[s] = sum;
      int up = 0;
      for (int p : cluster.podsOfService[s]) {
        up += servingPod(p) ? 1 : 0;
      }
      for (int p : cluster.podsOfService[s]) {
        st.podRate[p] = servingPod(p) ? sum / up : 0;
      }
    }
  }

  boolean servingPod(int p) {
    return st.podUp[p] && !st.podCrashLooping[p] && st.nodeReady[cluster.pods.get(p).node()];
  }

  private void computeResources(double dt) {
    int nNodes = system.nodes().size();
    double[] nodeUse = new double[nNodes];
    for (int p = 0; p < cluster.pods.size(); p++) {
      int s = cluster.pods.get(p).service();
      boolean serving = servingPod(p);
      double limit = st.podCpuLimit[p];
      double demand =
          serving || st.podUp[p]
              ? cpuBase[s]
                  + st.podRate[p] * cpuPerReq[s] * st.svcCpuPerReqMult[s]
                  + st.podCpuExtra[p]
              : 0;
      st.podCpuDemand[p] = demand;
      double usage = Math.min(demand, limit);
      st.podCpuUsage[p] = usage;
      // CFS throttles short bursts well before the average reaches the quota
      st.podThrottle[p] = Math.max(0, Math.min(1, (demand - 0.65 * limit) / (0.6 * limit)));
      st.podCpuSeconds[p] += usage * dt;
      nodeUse[cluster.pods.get(p).node()] += usage;
      double mem = st.podMemFrac[p];
      st.podGc[p] = 0.008 + (mem > 0.8 ? 0.75 * Math.pow((Math.min(mem, 1) - 0.8) / 0.2, 2) : 0);
    }
    for (int n = 0; n < nNodes; n++) {
      double util = nodeUse[n] / system.nodes().get(n).cpus();
      st.nodeCpuUtil[n] = Math.min(1, util + st.nodeSteal[n]);
      if (util > 0.85) {
        st.nodeSteal[n] += (util - 0.85) * 0.6;
      }
      st.nodeIoUtil[n] = Math.min(1, st.nodeIoUtil[n] + 0.04 + 0.1 * util);
    }
    for (int p = 0; p < cluster.pods.size(); p++) {
      int s = cluster.pods.get(p).service();
      int node = cluster.pods.get(p).node();
      double u = Math.min(st.podCpuUsage[p] / st.podCpuLimit[p], 0.97);
      double queueing = 0.6 / (1 - Math.max(u, 0.4));
      double gc = Math.min(st.podGc[p], 0.92);
      st.podLatMult[p] *=
          queueing * (1 + 3 * st.podThrottle[p]) * (1 + 5 * st.nodeSteal[node]) / (1 - gc);
      if (gc > 0.15) {
        st.podLatAddMs[p] += 14000 * Math.pow(gc - 0.15, 1.6);
      }
      double base = system.services().get(s).baseLatencyMs();
      st.podSelfMs[p] = base * st.podLatMult[p] + st.podLatAddMs[p] + st.podRttMs[p];
      double overload = st.podCpuDemand[p] / st.podCpuLimit[p];
      if (overload > 1.0 && st.podErr[p] < 0.5) {
        // requests queue past their deadlines once demand exceeds the quota
        st.podErr[p] = Math.max(st.podErr[p], Math.min(0.5, (overload - 1) * 0.4));
        st.podFailure[p] = st.podFailure[p] == null ? Failure.TIMEOUT : st.podFailure[p];
      }
      st.podThreads[p] = Math.min(threadsMax[s], 8 + st.podRate[p] * st.podSelfMs[p] / 1000 * 4);
    }
  }

  private void computeLatencyAndErrors() {
    int[] order = graph.serviceOrder;
    for (int k = order.length - 1; k >= 0; k--) {
      int s = order[k];
      double wSum = 0;
      double selfMs = 0;
      double selfErr = 0;
      Failure podWorst = null;
      double podWorstErr = 0;
      int serving = 0;
      for (int p : cluster.podsOfService[s]) {
        if (!servingPod(p)) {
          continue;
        }
        serving++;
        double w = Math.max(st.podRate[p], 1e-9);
        wSum += w;
        selfMs += w * st.podSelfMs[p];
        selfErr += w * st.podErr[p];
        if (st.podErr[p] > podWorstErr) {
          podWorstErr = st.podErr[p];
          podWorst = st.podFailure[p];
        }
      }
      selfMs = serving == 0 ? 0 : selfMs / wSum;
      selfErr = serving == 0 ? 1 : selfErr / wSum;
      double[] sq = selfQuantiles(s);
      double sigma = noiseSigma[s];
      for (int ep : graph.endpointsOfService[s]) {
        double noise = Math.exp(sigma * rnd.nextGaussian() - sigma * sigma / 2);
        st.epNoise[ep] = noise;
        double f = epFactor[ep] * st.epSelfMult[ep] * noise;
        double lat = selfMs * f;
        double q50 = sq[0] * f;
        double q90 = sq[1] * f;
        double q99 = sq[2] * f;
        double ok = (1 - baseErr[s]) * (1 - selfErr) * (1 - st.epSelfErr[ep]);
        Failure failure =
            serving == 0
                ? Failure.NO_HEALTHY_UPSTREAM
                : st.epSelfErr[ep] > podWorstErr ? st.epSelfFailure[ep] : podWorst;
        double worst = Math.max(st.epSelfErr[ep], podWorstErr);
        for (Graph.CallRef c : graph.calls.get(ep)) {
          if (c.async() && system.services().get(s).kind() == ComponentKind.QUEUE) {
            continue; // consumers are decoupled from the broker
          }
          double mult = st.edgeRateMult[c.edge()];
          double edgeLat =
              st.epLatMs[c.callee()] + st.edgeLatAddMs[c.edge()] + st.edgeJitterMs[c.edge()] / 2;
          if (!c.async()) {
            lat += c.count() * mult * edgeLat;
            double net = st.edgeLatAddMs[c.edge()];
            double jit = st.edgeJitterMs[c.edge()];
            double n = c.count() * mult;
            // a call made by fewer than (1-q) of requests barely moves the q-quantile
            q50 += n >= 0.5 ? n * (st.epP50[c.callee()] + net + jit / 2) : n * edgeLat;
            q90 += n >= 0.1 ? Math.max(1, n) * (st.epP90[c.callee()] + net + jit) : n * edgeLat;
            q99 +=
                n >= 0.01 ? Math.max(1, n) * (st.epP99[c.callee()] + net + 1.5 * jit) : n * edgeLat;
          }
          double q = 1 - (1 - st.epErr[c.callee()]) * (1 - st.edgeErr[c.edge()]);
          double pFail = 1 - Math.pow(1 - PROPAGATION * q, Math.min(c.count(), 3));
          ok *= 1 - pFail;
          if (pFail > worst) {
            worst = pFail;
            failure =
                st.edgeErr[c.edge()] >= st.epErr[c.callee()]
                    ? st.edgeFailure[c.edge()]
                    : Failure.UPSTREAM_ERROR;
          }
        }
        st.epLatMs[ep] = Math.min(lat, 60_000);
        st.epP50[ep] = Math.min(q50, 60_000);
        st.epP90[ep] = Math.min(Math.max(q90, q50), 60_000);
        st.epP99[ep] = Math.min(Math.max(q99, q90), 60_000);
        st.epErr[ep] = Math.min(1, Math.max(0, 1 - ok));
        st.epFailure[ep] = failure == null ? Failure.TRANSIENT : failure;
      }
      aggregateService(s);
    }
    for (int e = 0; e < graph.edgeCaller.length; e++) {
      double rate = 0;
      double lat = 0;
      double err = 0;
      for (int ep : graph.endpointsOfService[graph.edgeCallee[e]]) {
        rate += st.epRate[ep];
        lat += st.epRate[ep] * st.epLatMs[ep];
        err += st.epRate[ep] * st.epErr[ep];
      }
      double l = rate > 0 ? lat / rate : 0;
      double er = rate > 0 ? err / rate : 0;
      st.edgeLatMs[e] = l + st.edgeLatAddMs[e] + st.edgeJitterMs[e] / 2;
      st.edgeErrRate[e] = st.edgeRate[e] * (1 - (1 - er) * (1 - st.edgeErr[e]));
    }
  }

  /** p50/p90/p99 of the service's own (self) time: a traffic-weighted mixture over its pods. */
  private double[] selfQuantiles(int s) {
    int[] pods = cluster.podsOfService[s];
    double[] med = new double[pods.length];
    double[] wt = new double[pods.length];
    for (int i = 0; i < pods.length; i++) {
      int p = pods[i];
      wt[i] = servingPod(p) ? Math.max(st.podRate[p], 1e-9) : 0;
      med[i] = Math.max(0.02, st.podSelfMs[p]);
    }
    return new double[] {
      Quantiles.mixture(med, wt, 0.5, 0.5),
      Quantiles.mixture(med, wt, 0.9, 0.5),
      Quantiles.mixture(med, wt, 0.99, 0.5)
    };
  }

  /**
   * Service error ratio and latency quantiles: endpoints mixed by traffic, each a log-normal fitted
   * to its p50 and p90 (so a slow dependency of one busy route shows in the service's p90).
   */
  private void aggregateService(int s) {
    int[] eps = graph.endpointsOfService[s];
    double rate = 0;
    double err = 0;
    double[] med = new double[eps.length];
    double[] wt = new double[eps.length];
    double sigma = 0;
    for (int i = 0; i < eps.length; i++) {
      int ep = eps[i];
      rate += st.epRate[ep];
      err += st.epRate[ep] * st.epErr[ep];
      med[i] = Math.max(0.02, st.epP50[ep]);
      wt[i] = Math.max(st.epRate[ep], 1e-12);
      sigma +=
          wt[i]
              * Math.max(
                  0.15, Math.min(2.5, Math.log(Math.max(st.epP90[ep], med[i]) / med[i]) / 1.2816));
    }
    double wSum = 0;
    for (double w : wt) {
      wSum += w;
    }
    sigma /= wSum;
    st.svcErr[s] = rate > 0 ? err / rate : st.epErr[eps[0]];
    st.svcP50[s] = Quantiles.mixture(med, wt, 0.5, sigma);
    st.svcP90[s] = Quantiles.mixture(med, wt, 0.9, sigma);
    st.svcP99[s] = Quantiles.mixture(med, wt, 0.99, sigma);
  }

  private Frame snapshot(long t) {
    return new Frame(
        t,
        st.epRate.clone(),
        st.epErr.clone(),
        st.epFailure.clone(),
        st.epSelfMult.clone(),
        st.epSelfErr.clone(),
        st.epSelfFailure.clone(),
        st.epRowsMult.clone(),
        st.podSelfMs.clone(),
        mergedPodErr(),
        st.podFailure.clone(),
        servingMask(),
        st.edgeLatAddMs.clone(),
        st.edgeJitterMs.clone(),
        st.edgeErr.clone(),
        st.edgeFailure.clone(),
        st.edgeRateMult.clone(),
        st.podGc.clone(),
        st.svcLag.clone(),
        st.svcSlowQps.clone(),
        st.svcLockWaits.clone(),
        st.podThreads.clone());
  }

  private double[] mergedPodErr() {
    double[] out = new double[cluster.pods.size()];
    for (int p = 0; p < out.length; p++) {
      int s = cluster.pods.get(p).service();
      out[p] = 1 - (1 - st.podErr[p]) * (1 - baseErr[s]);
    }
    return out;
  }

  private boolean[] servingMask() {
    boolean[] out = new boolean[cluster.pods.size()];
    for (int p = 0; p < out.length; p++) {
      out[p] = servingPod(p);
    }
    return out;
  }

  /** A fault or red herring: bends the state before and after rates are computed. */
  interface Effects {
    void beforeRates(SimState st, long t, double dt);

    void afterRates(SimState st, long t, double dt);
  }
}
