package dev.warroom.gym;

import java.util.Arrays;

/**
 * The simulated system at one step. Transient fields are reset to their healthy values each step
 * and then bent by faults and red herrings; persistent ones (memory, restarts, disk use, consumer
 * lag, CPU seconds) carry over between steps. Plain arrays because a suite simulates millions of
 * pod-steps.
 */
final class SimState {
  // endpoints
  final double[] epRate;
  final double[] epLatMs;
  final double[] epErr;
  final Failure[] epFailure;
  final double[] epSelfMult;
  final double[] epSelfErr;
  final Failure[] epSelfFailure;
  final double[] epRowsMult;
  final double[] epNoise;
  final double[] epP50;
  final double[] epP90;
  final double[] epP99;
  // pods
  final double[] podRate;
  final double[] podCpuExtra;
  final double[] podCpuDemand;
  final double[] podCpuUsage;
  final double[] podCpuLimit;
  final double[] podThrottle;
  final double[] podMemFrac;
  final double[] podGc;
  final double[] podLatMult;
  final double[] podLatAddMs;
  final double[] podErr;
  final Failure[] podFailure;
  final boolean[] podUp;
  final boolean[] podCrashLooping;
  final int[] podRestarts;
  final long[] podDownUntil;
  final double[] podCpuSeconds;
  final double[] podThreads;
  final double[] podPoolUsed;
  final double[] podPoolPending;
  final double[] podRttMs;
  final double[] podRetrans;
  final double[] podDrops;
  final double[] podSelfMs;
  // nodes
  final double[] nodeSteal;
  final double[] nodeCpuUtil;
  final double[] nodeDiskUsed;
  final double[] nodeIoUtil;
  final double[] nodeReadIops;
  final boolean[] nodeReady;
  // edges
  final double[] edgeLatAddMs;
  final double[] edgeJitterMs;
  final double[] edgeErr;
  final Failure[] edgeFailure;
  final double[] edgeRateMult;
  final double[] edgeRate;
  final double[] edgeLatMs;
  final double[] edgeErrRate;
  // services
  final double[] svcLoadMult;
  final double[] svcCpuPerReqMult;
  final double[] svcHitRatio;
  final double[] svcEvictions;
  final double[] svcLockWaits;
  final double[] svcSlowQps;
  final double[] svcLag;
  final double[] svcConsumed;
  final double[] svcDesiredReplicas;
  final double[] svcMaxReplicas;
  final double[] svcCertExpirySec;
  final double[] svcDnsFailRate;
  final double[] svcRate;
  final double[] svcErr;
  final double[] svcP50;
  final double[] svcP90;
  final double[] svcP99;
  double dnsServfail;

  SimState(int nEndpoints, int nPods, int nNodes, int nEdges, int nServices) {
    epRate = new double[nEndpoints];
    epLatMs = new double[nEndpoints];
    epErr = new double[nEndpoints];
    epFailure = new Failure[nEndpoints];
    epSelfMult = new double[nEndpoints];
    epSelfErr = new double[nEndpoints];
    epSelfFailure = new Failure[nEndpoints];
    epRowsMult = new double[nEndpoints];
    epNoise = new double[nEndpoints];
    epP50 = new double[nEndpoints];
    epP90 = new double[nEndpoints];
    epP99 = new double[nEndpoints];
    podRate = new double[nPods];
    podCpuExtra = new double[nPods];
    podCpuDemand = new double[nPods];
    podCpuUsage = new double[nPods];
    podCpuLimit = new double[nPods];
    podThrottle = new double[nPods];
    podMemFrac = new double[nPods];
    podGc = new double[nPods];
    podLatMult = new double[nPods];
    podLatAddMs = new double[nPods];
    podErr = new double[nPods];
    podFailure = new Failure[nPods];
    podUp = new boolean[nPods];
    podCrashLooping = new boolean[nPods];
    podRestarts = new int[nPods];
    podDownUntil = new long[nPods];
    podCpuSeconds = new double[nPods];
    podThreads = new double[nPods];
    podPoolUsed = new double[nPods];
    podPoolPending = new double[nPods];
    podRttMs = new double[nPods];
    podRetrans = new double[nPods];
    podDrops = new double[nPods];
    podSelfMs = new double[nPods];
    nodeSteal = new double[nNodes];
    nodeCpuUtil = new double[nNodes];
    nodeDiskUsed = new double[nNodes];
    nodeIoUtil = new double[nNodes];
    nodeReadIops = new double[nNodes];
    nodeReady = new boolean[nNodes];
    edgeLatAddMs = new double[nEdges];
    edgeJitterMs = new double[nEdges];
    edgeErr = new double[nEdges];
    edgeFailure = new Failure[nEdges];
    edgeRateMult = new double[nEdges];
    edgeRate = new double[nEdges];
    edgeLatMs = new double[nEdges];
    edgeErrRate = new double[nEdges];
    svcLoadMult = new double[nServices];
    svcCpuPerReqMult = new double[nServices];
    svcHitRatio = new double[nServices];
    svcEvictions = new double[nServices];
    svcLockWaits = new double[nServices];
    svcSlowQps = new double[nServices];
    svcLag = new double[nServices];
    svcConsumed = new double[nServices];
    svcDesiredReplicas = new double[nServices];
    svcMaxReplicas = new double[nServices];
    svcCertExpirySec = new double[nServices];
    svcDnsFailRate = new double[nServices];
    svcRate = new double[nServices];
    svcErr = new double[nServices];
    svcP50 = new double[nServices];
    svcP90 = new double[nServices];
    svcP99 = new double[nServices];
  }

  /** Resets the per-step fields to a healthy system's values. */
  void resetTransient() {
    Arrays.fill(epSelfMult, 1);
    Arrays.fill(epSelfErr, 0);
    Arrays.fill(epSelfFailure, null);
    Arrays.fill(epRowsMult, 1);
    Arrays.fill(podCpuExtra, 0);
    Arrays.fill(podLatMult, 1);
    Arrays.fill(podLatAddMs, 0);
    Arrays.fill(podErr, 0);
    Arrays.fill(podFailure, null);
    Arrays.fill(podRttMs, 0.25);
    Arrays.fill(podRetrans, 0);
    Arrays.fill(podDrops, 0);
    Arrays.fill(podPoolPending, 0);
    Arrays.fill(nodeSteal, 0);
    Arrays.fill(nodeIoUtil, 0);
    Arrays.fill(nodeReady, true);
    Arrays.fill(edgeLatAddMs, 0);
    Arrays.fill(edgeJitterMs, 0);
    Arrays.fill(edgeErr, 0);
    Arrays.fill(edgeFailure, null);
    Arrays.fill(edgeRateMult, 1);
    Arrays.fill(svcLoadMult, 1);
    Arrays.fill(svcCpuPerReqMult, 1);
    Arrays.fill(svcEvictions, 0);
    Arrays.fill(svcLockWaits, 0);
    Arrays.fill(svcSlowQps, 0);
    Arrays.fill(svcDnsFailRate, 0);
    dnsServfail = 0;
  }
}
