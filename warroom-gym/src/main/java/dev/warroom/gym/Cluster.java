package dev.warroom.gym;

import dev.warroom.model.ComponentKind;
import dev.warroom.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The pods of a system and where they run. Pods are spread over nodes the way the default scheduler
 * with pod anti-affinity would (consecutive nodes from a seeded start), named like Deployment pods
 * ({@code cart-6d9f8b7c54-x2k9p}) or StatefulSet pods ({@code ledger-db-0}).
 */
final class Cluster {
  /** Characters Kubernetes uses for generated name suffixes (no vowels, no confusable digits). */
  private static final String ALNUM = "bcdfghjklmnpqrstvwxz2456789";

  record Pod(int index, String name, int service, int node, String ip) {}

  final SystemSpec system;
  final List<Pod> pods = new ArrayList<>();
  final int[][] podsOfService;
  final List<List<Integer>> podsOnNode = new ArrayList<>();
  final String[] replicaSetHash;

  Cluster(SystemSpec system, RandomGenerator rnd) {
    this.system = system;
    int nServices = system.services().size();
    int nNodes = system.nodes().size();
    podsOfService = new int[nServices][];
    replicaSetHash = new String[nServices];
    for (int n = 0; n < nNodes; n++) {
      podsOnNode.add(new ArrayList<>());
    }
    for (int s = 0; s < nServices; s++) {
      SystemSpec.Service svc = system.services().get(s);
      replicaSetHash[s] = suffix(rnd, 9 + rnd.nextInt(2));
      int start = rnd.nextInt(nNodes);
      podsOfService[s] = new int[svc.replicas()];
      boolean stateful =
          svc.kind() != ComponentKind.SERVICE && svc.kind() != ComponentKind.LOAD_BALANCER;
      for (int r = 0; r < svc.replicas(); r++) {
        int node;
        if (!svc.placement().isEmpty()) {
          node = nodeIndex(svc.placement().get(r % svc.placement().size()));
        } else {
          node = (start + r) % nNodes;
        }
        String name =
            stateful
                ? svc.name() + "-" + r
                : svc.name() + "-" + replicaSetHash[s] + "-" + suffix(rnd, 5);
        String ip =
            "10." + (4 + node) + "." + (1 + rnd.nextInt(250)) + "." + (2 + rnd.nextInt(250));
        Pod pod = new Pod(pods.size(), name, s, node, ip);
        pods.add(pod);
        podsOfService[s][r] = pod.index();
        podsOnNode.get(node).add(pod.index());
      }
    }
  }

  private int nodeIndex(String name) {
    for (int i = 0; i < system.nodes().size(); i++) {
      if (system.nodes().get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown node " + name);
  }

  static String suffix(RandomGenerator rnd, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(ALNUM.charAt(rnd.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  String serviceName(int s) {
    return system.services().get(s).name();
  }

  String nodeName(int n) {
    return system.nodes().get(n).name();
  }

  List<Instance> instances() {
    List<Instance> out = new ArrayList<>();
    for (Pod p : pods) {
      out.add(new Instance(p.name(), serviceName(p.service()), nodeName(p.node())));
    }
    return out;
  }
}
