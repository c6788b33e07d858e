package dev.warroom.gym;

import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.KubernetesEvent;
import dev.warroom.model.ObjectRef;
import dev.warroom.model.Restart;
import dev.warroom.model.Scaling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Turns {@link Occurrence}s into the events a cluster and a CD pipeline would record: Kubernetes
 * events (OOMKilled, BackOff, Pulled, Started, NodeNotReady, Unhealthy, SuccessfulRescale…),
 * deploys, config changes, restarts and scalings. Also knows each service's version over time.
 */
final class EventSynth {
  static final String NAMESPACE = "default";
  private static final String[] AUTHORS = {
    "ci-bot", "argocd", "j.murphy", "a.kowalski", "s.okafor", "m.chen"
  };

  private final Simulator sim;
  private final RandomGenerator rnd;
  private final Map<Integer, String> version = new HashMap<>();
  private final Map<Integer, long[]> deployAt = new HashMap<>();
  private final Map<Integer, String> newVersion = new HashMap<>();
  final List<Event> events = new ArrayList<>();

  EventSynth(Simulator sim, RandomGenerator rnd) {
    this.sim = sim;
    this.rnd = rnd;
    for (int s = 0; s < sim.system.services().size(); s++) {
      version.put(s, "v1." + (2 + rnd.nextInt(12)) + "." + rnd.nextInt(9));
    }
  }

  /** The version a service runs at a time (changes at its deploy). */
  String versionAt(int s, long t) {
    long[] at = deployAt.get(s);
    return at != null && t >= at[0] ? newVersion.get(s) : version.get(s);
  }

  String image(int s, String v) {
    return "registry.example.com/" + sim.system.name() + "/" + sim.cluster.serviceName(s) + ":" + v;
  }

  /** Registers deploys first so versions are known before traces are synthesised. */
  void planDeploys(List<Occurrence> occ) {
    for (Occurrence o : occ) {
      if (o.kind() == Occurrence.Kind.DEPLOY || o.kind() == Occurrence.Kind.CONFIG_CHANGE) {
        String v = version.get(o.service());
        String[] p = v.substring(1).split("\\.");
        String next = "v" + p[0] + "." + p[1] + "." + (Integer.parseInt(p[2]) + 1);
        deployAt.put(o.service(), new long[] {o.time()});
        newVersion.put(o.service(), o.kind() == Occurrence.Kind.DEPLOY ? next : v);
      }
    }
  }

  void emit(List<Occurrence> occ, long windowEnd, String imageArch) {
    List<Occurrence> sorted = new ArrayList<>(occ);
    sorted.sort(
        Comparator.comparingLong(Occurrence::time)
            .thenComparing(o -> o.kind().name())
            .thenComparingInt(Occurrence::pod));
    Map<Integer, Integer> oomCount = new HashMap<>();
    for (Occurrence o : sorted) {
      Instant at = Instant.ofEpochMilli(o.time());
      String svc = o.service() >= 0 ? sim.cluster.serviceName(o.service()) : null;
      String pod = o.pod() >= 0 ? sim.cluster.pods.get(o.pod()).name() : null;
      String node =
          o.pod() >= 0
              ? sim.cluster.nodeName(sim.cluster.pods.get(o.pod()).node())
              : o.node() >= 0 ? sim.cluster.nodeName(o.node()) : null;
      switch (o.kind()) {
        case OOM_KILLED -> {
          int n = oomCount.merge(o.pod(), 1, Integer::sum);
          SystemSpec.Service spec = sim.system.services().get(o.service());
          k8s(
              "OOMKilled",
              "Warning",
              "Pod",
              pod,
              at,
              at,
              1,
              "Container "
                  + svc
                  + " in pod "
                  + pod
                  + " was OOMKilled (exit code 137); memory limit "
                  + Math.round(spec.memoryLimitMib())
                  + "Mi",
              svc,
              node);
          events.add(new Restart(at, svc, pod, "OOMKilled", null, Map.of("exitCode", "137")));
          if (n >= 2) {
            k8s(
                "BackOff",
                "Warning",
                "Pod",
                pod,
                at,
                at.plusSeconds(10),
                n - 1,
                "Back-off restarting failed container " + svc + " in pod " + pod + "_" + NAMESPACE,
                svc,
                node);
          }
        }
        case RESTARTED -> {
          k8s(
              "Pulled",
              "Normal",
              "Pod",
              pod,
              at,
              at,
              1,
              "Container image \""
                  + image(o.service(), versionAt(o.service(), o.time()))
                  + "\" already present on machine",
              svc,
              node);
          k8s("Started", "Normal", "Pod", pod, at, at, 1, "Started container " + svc, svc, node);
        }
        case CRASH, EXEC_FORMAT_ERROR -> {
          k8s(
              "Pulled",
              "Normal",
              "Pod",
              pod,
              at,
              at,
              1,
              "Successfully pulled image \""
                  + image(o.service(), versionAt(o.service(), o.time()))
                  + "\" in 1.84s (1.84s including waiting). Image size: 48213394 bytes.",
              svc,
              node);
          k8s("Created", "Normal", "Pod", pod, at, at, 1, "Created container " + svc, svc, node);
          k8s("Started", "Normal", "Pod", pod, at, at, 1, "Started container " + svc, svc, node);
          long minutes = Math.max(1, (windowEnd - o.time()) / 60_000);
          k8s(
              "BackOff",
              "Warning",
              "Pod",
              pod,
              at.plusSeconds(12),
              Instant.ofEpochMilli(Math.max(o.time() + 12_000, windowEnd - 20_000)),
              (int) Math.min(200, 2 + minutes * 2),
              "Back-off restarting failed container "
                  + svc
                  + " in pod "
                  + pod
                  + "_"
                  + NAMESPACE
                  + "("
                  + Long.toHexString(pod.hashCode() & 0xffffffL)
                  + ")",
              svc,
              node);
          events.add(
              new Restart(
                  at.plusSeconds(5),
                  svc,
                  pod,
                  o.kind() == Occurrence.Kind.EXEC_FORMAT_ERROR
                      ? "Error: exec format error"
                      : "Error",
                  null,
                  Map.of("exitCode", o.kind() == Occurrence.Kind.EXEC_FORMAT_ERROR ? "255" : "1")));
        }
        case NODE_NOT_READY -> {
          k8s(
              "NodeNotReady",
              "Normal",
              "Node",
              node,
              at,
              at,
              1,
              "Node " + node + " status is now: NodeNotReady",
              null,
              node);
          for (int p : sim.cluster.podsOnNode.get(o.node())) {
            String pn = sim.cluster.pods.get(p).name();
            String ps = sim.cluster.serviceName(sim.cluster.pods.get(p).service());
            k8s(
                "NodeNotReady",
                "Warning",
                "Pod",
                pn,
                at.plusSeconds(1),
                at.plusSeconds(1),
                1,
                "Node is not ready",
                ps,
                node);
            if (o.time() + 300_000 < windowEnd) {
              k8s(
                  "TaintManagerEviction",
                  "Normal",
                  "Pod",
                  pn,
                  at.plusSeconds(300),
                  at.plusSeconds(300),
                  1,
                  "Marking for deletion Pod " + NAMESPACE + "/" + pn,
                  ps,
                  node);
            }
          }
        }
        case DISK_PRESSURE -> {
          k8s(
              "FreeDiskSpaceFailed",
              "Warning",
              "Node",
              node,
              at,
              at,
              1,
              "Failed to garbage collect required amount of images. Attempted to free 4294967296 bytes, but only found 0 bytes eligible to free.",
              null,
              node);
          k8s(
              "EvictionThresholdMet",
              "Warning",
              "Node",
              node,
              at.plusSeconds(20),
              at.plusSeconds(20),
              1,
              "Attempting to reclaim ephemeral-storage",
              null,
              node);
        }
        case UNHEALTHY ->
            k8s(
                "Unhealthy",
                "Warning",
                "Pod",
                pod,
                at,
                at.plusSeconds(50),
                1 + rnd.nextInt(4),
                "Readiness probe failed: Get \"http://"
                    + sim.cluster.pods.get(o.pod()).ip()
                    + ":8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
                svc,
                node);
        case DEPLOY -> deploy(o, at, svc, imageArch);
        case CONFIG_CHANGE -> config(o, at, svc);
        case RESCALE, SCALING_LIMITED -> rescales(o, at);
      }
    }
  }

  private void deploy(Occurrence o, Instant at, String svc, String imageArch) {
    String v = newVersion.getOrDefault(o.service(), version.get(o.service()));
    Map<String, String> attrs = new HashMap<>();
    attrs.put("commit", Long.toHexString(rnd.nextLong()).substring(0, 7));
    attrs.put("pipeline", "github-actions");
    if (o.detail().equals("wrong_architecture")) {
      attrs.put("image.platform", "linux/" + imageArch);
      attrs.put(
          "build.runner",
          imageArch.equals("amd64")
              ? "ubuntu-latest (x86_64)"
              : "macbook-m3 (arm64, local docker build)");
    }
    events.add(
        new Deploy(
            at,
            svc,
            v,
            image(o.service(), v),
            version.get(o.service()),
            AUTHORS[rnd.nextInt(AUTHORS.length)],
            attrs));
    String rs = svc + "-" + Cluster.suffix(rnd, 10);
    k8s(
        "ScalingReplicaSet",
        "Normal",
        "Deployment",
        svc,
        at,
        at,
        1,
        "Scaled up replica set " + rs + " to 1",
        svc,
        null);
    k8s(
        "ScalingReplicaSet",
        "Normal",
        "Deployment",
        svc,
        at.plusSeconds(40),
        at.plusSeconds(40),
        1,
        "Scaled down replica set "
            + svc
            + "-"
            + sim.cluster.replicaSetHash[o.service()]
            + " to 0 from "
            + sim.cluster.podsOfService[o.service()].length,
        svc,
        null);
  }

  private void config(Occurrence o, Instant at, String svc) {
    String[] change =
        switch (o.detail()) {
          case "DB_POOL_MAX_SIZE" -> new String[] {"DB_POOL_MAX_SIZE", "10", "1O"};
          case "PORT" -> new String[] {"PORT", "8080", "8081"};
          default -> {
            SystemSpec.Service spec = sim.system.services().get(o.service());
            yield new String[] {
              "resources.limits.cpu",
              Math.round(spec.cpuLimit() * 1000) + "m",
              Math.round(spec.cpuLimit() * 300) + "m"
            };
          }
        };
    events.add(
        new ConfigChange(
            at,
            svc,
            change[0],
            change[1],
            change[2],
            AUTHORS[2 + rnd.nextInt(4)],
            Map.of("source", "ConfigMap/" + svc + "-config", "change", "kubectl apply")));
    k8s(
        "ScalingReplicaSet",
        "Normal",
        "Deployment",
        svc,
        at.plusSeconds(3),
        at.plusSeconds(3),
        1,
        "Scaled up replica set " + svc + "-" + Cluster.suffix(rnd, 10) + " to 1",
        svc,
        null);
  }

  private void rescales(Occurrence o, Instant at) {
    for (int s = 0; s < sim.system.services().size(); s++) {
      SystemSpec.Service spec = sim.system.services().get(s);
      if (s == o.service()
          || spec.kind() != dev.warroom.model.ComponentKind.SERVICE
          || rnd.nextDouble() < 0.4) {
        continue;
      }
      int to = spec.replicas() + 1 + rnd.nextInt(spec.replicas() + 1);
      Instant t = at.plusSeconds(rnd.nextInt(90));
      k8s(
          "SuccessfulRescale",
          "Normal",
          "HorizontalPodAutoscaler",
          spec.name(),
          t,
          t,
          1,
          "New size: "
              + to
              + "; reason: cpu resource utilization (percentage of request) above target",
          spec.name(),
          null);
      events.add(
          new Scaling(t, spec.name(), spec.replicas(), to, "horizontal-pod-autoscaler", Map.of()));
    }
  }

  void k8s(
      String reason,
      String type,
      String kind,
      String name,
      Instant first,
      Instant last,
      int count,
      String msg,
      String svc,
      String node) {
    events.add(
        new KubernetesEvent(
            reason,
            type,
            new ObjectRef(kind, name, kind.equals("Node") ? "" : NAMESPACE),
            count,
            first,
            last,
            msg,
            svc,
            node));
  }
}
