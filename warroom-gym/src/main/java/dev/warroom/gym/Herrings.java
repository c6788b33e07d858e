package dev.warroom.gym;

import dev.warroom.gym.Scenario.RedHerring;
import dev.warroom.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Red herrings: unrelated anomalies placed away from the causal chain. Pre-existing errors and the
 * batch job run through the whole baseline too (so a seasonal baseline can learn them); the
 * harmless deploy lands a few minutes before onset; the noisy service is noisy all along.
 */
final class Herrings implements Simulator.Effects {
  /** One planted herring and what it touched, for truth.json. */
  record Planted(RedHerring kind, String service, int endpoint, long time, String detail) {}

  final List<Planted> planted = new ArrayList<>();
  final List<Occurrence> occurrences = new ArrayList<>();
  private final Simulator sim;
  private int errorEndpoint = -1;
  private double errorRate;
  private int batchEndpoint = -1;
  private int batchPod = -1;
  private long batchPhase;
  private int deployService = -1;
  private long deployAt;

  Herrings(
      Simulator sim, List<RedHerring> kinds, Set<Integer> chain, long onset, RandomGenerator rnd) {
    this.sim = sim;
    List<Integer> free = new ArrayList<>();
    for (int s = 0; s < sim.system.services().size(); s++) {
      if (!chain.contains(s) && sim.system.services().get(s).kind() == ComponentKind.SERVICE) {
        free.add(s);
      }
    }
    if (free.isEmpty()) {
      for (int s = 0; s < sim.system.services().size(); s++) {
        if (sim.system.services().get(s).kind() == ComponentKind.SERVICE) {
          free.add(s);
        }
      }
    }
    for (RedHerring kind : kinds) {
      int s = free.get(rnd.nextInt(free.size()));
      String name = sim.system.services().get(s).name();
      switch (kind) {
        case PRE_EXISTING_ERRORS -> {
          int[] eps = sim.graph.endpointsOfService[s];
          errorEndpoint = eps[rnd.nextInt(eps.length)];
          errorRate = 0.006 + 0.012 * rnd.nextDouble();
          planted.add(
              new Planted(
                  kind,
                  name,
                  errorEndpoint,
                  sim.timeline.times[0],
                  "steady "
                      + Math.round(errorRate * 1000) / 10.0
                      + "% errors on "
                      + sim.graph.endpointName[errorEndpoint]));
        }
        case HARMLESS_DEPLOY -> {
          deployService = s;
          deployAt = onset - (3 + rnd.nextInt(10)) * 60_000L - rnd.nextInt(60_000);
          occurrences.add(new Occurrence(deployAt, Occurrence.Kind.DEPLOY, s, -1, -1, "harmless"));
          planted.add(new Planted(kind, name, -1, deployAt, "deploy of " + name + " before onset"));
        }
        case BATCH_JOB -> plantBatch(onset, rnd);
        case NOISY_SERVICE -> {
          sim.noiseSigma[s] = 0.3 + 0.15 * rnd.nextDouble();
          planted.add(
              new Planted(kind, name, -1, sim.timeline.times[0], "high latency variance, healthy"));
        }
      }
    }
  }

  private void plantBatch(long onset, RandomGenerator rnd) {
    for (int ep = 0; ep < sim.graph.nEndpoints; ep++) {
      if (sim.graph.endpointName[ep].equals("daily_statement")) {
        batchEndpoint = ep;
      }
    }
    if (batchEndpoint >= 0) {
      int db = sim.graph.endpointService[batchEndpoint];
      batchPod = sim.cluster.podsOfService[db][0];
    } else {
      int s = rnd.nextInt(sim.system.services().size());
      batchPod = sim.cluster.podsOfService[s][0];
    }
    // every 6 hours; one run starts 2-12 minutes before onset
    long start = onset - (2 + rnd.nextInt(10)) * 60_000L;
    batchPhase = Math.floorMod(start, 6 * 3_600_000L);
    int svc = sim.cluster.pods.get(batchPod).service();
    planted.add(
        new Planted(
            RedHerring.BATCH_JOB,
            sim.system.services().get(svc).name(),
            batchEndpoint,
            start,
            batchEndpoint >= 0
                ? "statement run every 6 h: " + sim.graph.endpointName[batchEndpoint]
                : "CPU-heavy job every 6 h"));
  }

  boolean batchRunning(long t) {
    return batchPod >= 0 && Math.floorMod(t - batchPhase, 6 * 3_600_000L) < 15 * 60_000L;
  }

  int errorEndpoint() {
    return errorEndpoint;
  }

  int batchEndpoint() {
    return batchEndpoint;
  }

  @Override
  public void beforeRates(SimState st, long t, double dt) {
    if (deployService >= 0 && t >= deployAt && t < deployAt + 60_000) {
      int[] pods = sim.cluster.podsOfService[deployService];
      int k = (int) ((t - deployAt) / 20_000) % pods.length;
      for (int i = 0; i < pods.length; i++) {
        st.podUp[pods[i]] = i != k || pods.length == 1; // rolling restart: one pod at a time
      }
    } else if (deployService >= 0 && t >= deployAt + 60_000 && t < deployAt + 120_000) {
      for (int p : sim.cluster.podsOfService[deployService]) {
        st.podUp[p] = true;
      }
    }
  }

  @Override
  public void afterRates(SimState st, long t, double dt) {
    if (errorEndpoint >= 0) {
      st.epSelfErr[errorEndpoint] = Math.max(st.epSelfErr[errorEndpoint], errorRate);
      if (st.epSelfFailure[errorEndpoint] == null) {
        st.epSelfFailure[errorEndpoint] = Failure.PRE_EXISTING;
      }
    }
    if (batchRunning(t)) {
      st.podCpuExtra[batchPod] += st.podCpuLimit[batchPod] * 0.45;
      int node = sim.cluster.pods.get(batchPod).node();
      st.nodeIoUtil[node] += 0.45;
      if (batchEndpoint >= 0) {
        st.epRate[batchEndpoint] = 0.4;
        st.epRowsMult[batchEndpoint] = 50_000;
      }
    }
  }
}
