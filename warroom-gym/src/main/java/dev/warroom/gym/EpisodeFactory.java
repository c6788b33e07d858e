package dev.warroom.gym;

import dev.warroom.gym.Scenario.Difficulty;
import dev.warroom.gym.Scenario.RedHerring;
import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.Event;
import dev.warroom.model.IncidentBundle;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Span;
import dev.warroom.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds one episode: draws the time, places pods, resolves the fault to concrete targets, runs the
 * simulation with the fault and the red herrings, evaluates the alert rules (raising severity and
 * re-running when a fault is too weak to page anyone), then synthesises traces, logs, events and
 * code, and assembles the bundle and its {@link GroundTruth}. Every random choice comes from one
 * {@link SplittableRandom} seeded with the episode seed, split per concern, so the same seed gives
 * the same bundle.
 */
final class EpisodeFactory {
  private static final Instant EPOCH = Instant.parse("2026-03-02T00:00:00Z");

  private EpisodeFactory() {}

  static Episode build(long seed, Scenario sc) {
    double severity =
        sc.severity() > 0
            ? sc.severity()
            : defaultSeverity(sc.difficulty(), new SplittableRandom(seed ^ 0x5EEDL));
    for (int attempt = 0; ; attempt++) {
      Episode e = attempt(seed, sc, severity, attempt >= 2);
      if (e != null) {
        return e;
      }
      severity = Math.min(1, severity + 0.3);
    }
  }

  private static double defaultSeverity(Difficulty d, SplittableRandom r) {
    return switch (d) {
      case EASY -> 0.75 + 0.25 * r.nextDouble();
      case MEDIUM -> 0.45 + 0.35 * r.nextDouble();
      case HARD -> 0.25 + 0.3 * r.nextDouble();
    };
  }

  private static Episode attempt(long seed, Scenario sc, double severity, boolean forceAlert) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom rTime = root.split();
    SplittableRandom rCluster = root.split();
    SplittableRandom rLoad = root.split();
    SplittableRandom rSim = root.split();
    SplittableRandom rPlan = root.split();
    SplittableRandom rMetrics = root.split();
    SplittableRandom rTraces = root.split();
    SplittableRandom rEvents = root.split();
    SystemSpec sys = sc.system();
    Instant windowStart =
        EPOCH
            .plus(Duration.ofDays(Math.floorMod(seed, 28)))
            .plus(Duration.ofMinutes(rTime.nextInt(24 * 60)));
    Timeline tl = new Timeline(windowStart, sc.window(), sc.baseline());
    Cluster cluster = new Cluster(sys, rCluster);
    Workload load = new Workload(rLoad, tl.times[0], tl.windowEnd, 1.5);
    Simulator sim = new Simulator(sys, cluster, tl, load, rSim);
    long windowMs = sc.window().toMillis();
    long onset =
        (tl.windowStart + (long) (windowMs * (0.42 + 0.16 * rPlan.nextDouble()))) / 1000 * 1000;
    Injection inj =
        sc.isControl()
            ? new Injection(null, -1, -1, -1, -1, -1, 0, onset, 1)
            : resolve(sc, sim, rPlan, onset, severity);
    Set<Integer> chainServices = impacted(sim, inj);
    List<RedHerring> kinds =
        sc.redHerrings() != null ? sc.redHerrings() : defaultHerrings(sc.difficulty(), rPlan);
    Herrings herrings = new Herrings(sim, kinds, chainServices, onset, rPlan);
    FaultEffects fault = new FaultEffects(sim, inj, rPlan);
    MetricRecorder rec = new MetricRecorder(sim, herrings, rMetrics);
    sim.run(List.of(herrings, fault), rec);
    AlertRules rules = new AlertRules(sim, rec);
    AlertRules.Firing firing;
    Set<Integer> userFacing = userFacing(sim);
    if (sc.isControl()) {
      List<Integer> choices = new ArrayList<>(userFacing);
      choices.sort(Integer::compare);
      firing = rules.noiseFiring(choices.get(rPlan.nextInt(choices.size())), onset);
    } else {
      firing = AlertRules.choose(rules.evaluate(onset), userFacing);
      if (firing != null
          && !chainServices.contains(firing.service())
          && sys.services().get(firing.service()).kind() != ComponentKind.QUEUE) {
        firing = null; // fired on something the fault cannot reach: noise, not this incident
      }
      if (firing == null) {
        if (!forceAlert) {
          return null;
        }
        firing = rules.noiseFiring(strongest(sim, rec, chainServices, inj), onset);
      }
    }
    Alert alert = rules.toAlert(firing, EventSynth.NAMESPACE);
    // database statistics draw from their own stream: the other signals do not shift
    DbStatsSynth db = new DbStatsSynth(sim, rec, inj, seed);
    // telemetry that depends on the run
    CodeSnapshot code = new CodeSnapshot(sys);
    EventSynth events = new EventSynth(sim, rEvents);
    List<Occurrence> occ = new ArrayList<>(fault.occurrences);
    occ.addAll(herrings.occurrences);
    occ.addAll(unhealthy(sim));
    events.planDeploys(occ);
    LogStyle style = new LogStyle(code);
    TraceSynth traces =
        new TraceSynth(sim, style, rTraces, sc.tracesPerMinute(), events::versionAt);
    traces.run();
    int ib =
        sys.name().equals("bank") && kinds.contains(RedHerring.PRE_EXISTING_ERRORS)
            ? sys.serviceIndex("ledgerwriter")
            : -1;
    new LogSynth(sim, traces, style, rTraces, sc.tracesPerMinute() * 2, ib)
        .run(occ, tl.windowEnd, herrings);
    events.emit(occ, tl.windowEnd, fault.imageArch());
    List<LogRecord> logs = new ArrayList<>(traces.logs);
    logs.sort(Comparator.comparing(LogRecord::timestamp));
    List<Span> spans = new ArrayList<>(traces.spans);
    spans.sort(Comparator.comparing(Span::start));
    List<Event> evs = new ArrayList<>(events.events);
    evs.sort(Comparator.comparing(Event::time));
    double[] cpm = new double[sim.graph.edgeCaller.length];
    for (int e = 0; e < cpm.length; e++) {
      cpm[e] = sim.st.edgeRate[e] * 60;
    }
    String id = sys.name() + "-" + (sc.isControl() ? "control" : inj.fault().id()) + "-" + seed;
    BundleManifest manifest =
        new BundleManifest(
            id,
            "Otrashi gym episode: "
                + sc.name()
                + " (seed "
                + seed
                + ", "
                + sc.difficulty().name().toLowerCase()
                + ")",
            "UTC",
            new TimeWindow(
                Instant.ofEpochMilli(tl.windowStart), Instant.ofEpochMilli(tl.windowEnd)),
            Map.of());
    IncidentBundle bundle =
        new IncidentBundle(
            manifest,
            alert,
            rec.series(),
            logs,
            spans,
            evs,
            sys.toTopology(cluster.instances(), cpm),
            code.files,
            db.build());
    GroundTruth truth =
        TruthBuilder.build(id, seed, sc, sim, inj, firing, alert, herrings, code, severity)
            .withParameters(db.truthParameters());
    return new Episode(id, seed, sc, bundle, truth, volumes(sim, traces));
  }

  private static Map<String, Integer> volumes(Simulator sim, TraceSynth traces) {
    Map<String, Integer> out = new HashMap<>();
    for (int s = 0; s < traces.logCount.length; s++) {
      out.put(sim.cluster.serviceName(s), traces.logCount[s]);
    }
    return out;
  }

  private static List<RedHerring> defaultHerrings(Difficulty d, SplittableRandom r) {
    List<RedHerring> all = new ArrayList<>(List.of(RedHerring.values()));
    return switch (d) {
      case EASY -> List.of();
      case MEDIUM -> {
        List<RedHerring> out = new ArrayList<>();
        while (out.size() < 2) {
          out.add(all.remove(r.nextInt(all.size())));
        }
        out.sort(Comparator.naturalOrder());
        yield out;
      }
      case HARD -> all;
    };
  }

  private static Injection resolve(
      Scenario sc, Simulator sim, SplittableRandom r, long onset, double sev) {
    FaultType f = sc.fault();
    String imageArch =
        sim.system.nodes().stream().anyMatch(n -> n.arch().equals("arm64")) ? "amd64" : "arm64";
    int[] tp = Targets.choose(sc, sim.graph, r, sim.cluster, imageArch);
    int svc = tp[0];
    int peer = tp[1];
    int node = -1;
    int pod = -1;
    int ep = -1;
    if (f.target() == FaultType.Target.NODE) {
      node =
          sc.target() != null
              ? nodeIndex(sim.system, sc.target())
              : sim.cluster.pods.get(sim.cluster.podsOfService[svc][0]).node();
      svc = -1;
    } else if (f == FaultType.NOISY_NEIGHBOUR) {
      int[] pods = sim.cluster.podsOfService[svc];
      pod = pods[r.nextInt(pods.length)];
      node = sim.cluster.pods.get(pod).node();
    } else if (svc >= 0) {
      int[] pods = sim.cluster.podsOfService[svc];
      pod = pods[r.nextInt(pods.length)];
      node = sim.cluster.pods.get(pod).node();
      ep = busiestEndpoint(sim, svc, f == FaultType.UNINDEXED_QUERY);
    }
    boolean flappy =
        f == FaultType.NOISY_NEIGHBOUR
            || f == FaultType.NETWORK_PARTITION
            || (sc.difficulty() == Difficulty.HARD
                && (f == FaultType.PACKET_LOSS
                    || f == FaultType.RATE_LIMITED
                    || f == FaultType.NETWORK_LATENCY));
    double duty = flappy ? 0.55 + 0.2 * r.nextDouble() : 1;
    return new Injection(f, svc, peer, node, pod, ep, sev, onset, duty);
  }

  private static int nodeIndex(SystemSpec sys, String name) {
    for (int i = 0; i < sys.nodes().size(); i++) {
      if (sys.nodes().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown node " + name);
  }

  /** The endpoint with the most traffic at peak (for a database: the busiest SELECT). */
  private static int busiestEndpoint(Simulator sim, int s, boolean select) {
    int best = sim.graph.endpointsOfService[s][0];
    double bestRate = -1;
    for (int ep : sim.graph.endpointsOfService[s]) {
      String stmt = sim.system.services().get(s).endpoint(sim.graph.endpointName[ep]).statement();
      if (select && !stmt.startsWith("SELECT")) {
        continue;
      }
      if (sim.st.epRate[ep] > bestRate) {
        bestRate = sim.st.epRate[ep];
        best = ep;
      }
    }
    return best;
  }

  /** The faulty services plus everything that (transitively) calls them. */
  static Set<Integer> impacted(Simulator sim, Injection inj) {
    Set<Integer> out = new LinkedHashSet<>();
    List<Integer> frontier = new ArrayList<>();
    if (inj.fault() == null) {
      return out;
    }
    if (inj.service() >= 0) {
      frontier.add(inj.service());
    }
    if (inj.peer() >= 0 && inj.fault().target() == FaultType.Target.EDGE) {
      frontier.add(inj.peer());
    }
    if (inj.node() >= 0
        && (inj.fault() == FaultType.NODE_FAILURE || inj.fault() == FaultType.NOISY_NEIGHBOUR)) {
      for (int p : sim.cluster.podsOnNode.get(inj.node())) {
        frontier.add(sim.cluster.pods.get(p).service());
      }
    }
    while (!frontier.isEmpty()) {
      int s = frontier.remove(frontier.size() - 1);
      if (out.add(s)) {
        frontier.addAll(sim.graph.callersOf(s));
      }
    }
    return out;
  }

  private static Set<Integer> userFacing(Simulator sim) {
    Set<Integer> out = new HashSet<>();
    for (int s = 0; s < sim.system.services().size(); s++) {
      if (sim.system.services().get(s).entryRps() > 0) {
        out.add(s);
        for (int c : sim.graph.calleesOf(s)) {
          if (sim.system.services().get(c).kind() == ComponentKind.SERVICE) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  /** The impacted service whose p99 rose most above its baseline after onset. */
  private static int strongest(
      Simulator sim, MetricRecorder rec, Set<Integer> impacted, Injection inj) {
    int best = -1;
    double bestRatio = -1;
    for (int s : impacted) {
      SystemSpec.Service svc = sim.system.services().get(s);
      if (svc.kind() != ComponentKind.SERVICE && svc.kind() != ComponentKind.LOAD_BALANCER) {
        continue;
      }
      double[] v =
          rec.values(
              dev.warroom.model.SeriesKey.of(
                  "http_server_requests_seconds", "service", svc.name(), "quantile", "0.99"));
      double base = 1e-9;
      for (int i = 0; i < sim.timeline.firstWindowStep; i++) {
        base = Math.max(base, v[i]);
      }
      double max = 0;
      for (int i = sim.timeline.firstWindowStep + sim.timeline.windowStepAt(inj.onset());
          i < v.length;
          i++) {
        max = Math.max(max, v[i]);
      }
      if (max / base > bestRatio) {
        bestRatio = max / base;
        best = s;
      }
    }
    if (best < 0) {
      for (int s = 0; s < sim.system.services().size(); s++) {
        if (sim.system.services().get(s).entryRps() > 0) {
          return s;
        }
      }
    }
    return best;
  }

  private static List<Occurrence> unhealthy(Simulator sim) {
    List<Occurrence> out = new ArrayList<>();
    for (Simulator.Frame fr : sim.frames) {
      if ((fr.time() / Timeline.WINDOW_STEP_MILLIS) % 4 != 0) {
        continue;
      }
      for (Cluster.Pod p : sim.cluster.pods) {
        if (fr.podUp()[p.index()]
            && fr.podSelfMs()[p.index()] > 1000
            && sim.system.services().get(p.service()).kind() == ComponentKind.SERVICE) {
          out.add(
              new Occurrence(
                  fr.time() + 7000, Occurrence.Kind.UNHEALTHY, p.service(), p.index(), -1, ""));
        }
      }
    }
    return out;
  }
}
