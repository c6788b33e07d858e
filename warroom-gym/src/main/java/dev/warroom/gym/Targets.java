package dev.warroom.gym;

import dev.warroom.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where a fault can be injected in a system, and the seeded choice among those places. Rejects a
 * fault that the system cannot host (a cache failure in a system without a cache) with a message
 * naming both.
 */
final class Targets {
  private Targets() {}

  /** Whether the system has a place for the fault. */
  static boolean applicable(FaultType f, SystemSpec sys) {
    Graph g = new Graph(sys);
    return !candidates(f, sys, g).isEmpty();
  }

  /** Candidate (target, peer) service index pairs; peer is -1 when the fault has none. */
  static List<int[]> candidates(FaultType f, SystemSpec sys, Graph g) {
    List<int[]> out = new ArrayList<>();
    int n = sys.services().size();
    for (int s = 0; s < n; s++) {
      ComponentKind k = sys.services().get(s).kind();
      boolean app = k == ComponentKind.SERVICE;
      switch (f.target()) {
        case APP_SERVICE -> {
          boolean ok =
              app
                  && switch (f) {
                    case TLS_CERT_EXPIRED, RATE_LIMITED, NETWORK_LATENCY, PACKET_LOSS ->
                        !g.callersOf(s).isEmpty();
                    case DNS_FAILURE -> !g.calleesOf(s).isEmpty();
                    default -> true;
                  };
          if (ok) {
            out.add(new int[] {s, -1});
          }
        }
        case NOISY_PAIR, NODE -> {
          if (app) {
            out.add(new int[] {s, -1});
          }
        }
        case DATABASE -> {
          if (k == ComponentKind.DATABASE) {
            out.add(new int[] {s, -1});
          }
        }
        case CACHE -> {
          if (k == ComponentKind.CACHE) {
            out.add(new int[] {s, -1});
          }
        }
        case EDGE, DB_CLIENT, DB_CLIENT_OR_CALLER -> {
          if (app) {
            for (int c : g.calleesOf(s)) {
              ComponentKind ck = sys.services().get(c).kind();
              boolean ok =
                  switch (f.target()) {
                    case EDGE -> ck == ComponentKind.SERVICE;
                    case DB_CLIENT -> ck == ComponentKind.DATABASE;
                    default -> ck == ComponentKind.SERVICE;
                  };
              if (ok) {
                out.add(new int[] {s, c});
              }
            }
          }
        }
        case CONSUMER -> {
          if (app) {
            for (int c : g.callersOf(s)) {
              if (sys.services().get(c).kind() == ComponentKind.QUEUE) {
                out.add(new int[] {s, c});
                break;
              }
            }
          }
        }
      }
    }
    if (f == FaultType.LOCK_CONTENTION || f == FaultType.DISK_FULL) {
      out.removeIf(
          c ->
              sys.services().get(c[0]).endpoints().stream()
                  .noneMatch(
                      e ->
                          e.statement().startsWith("INSERT")
                              || e.statement().startsWith("UPDATE")));
    }
    return out;
  }

  /** Picks a target pair, honouring the scenario's explicit target/peer when given. */
  static int[] choose(Scenario sc, Graph g, RandomGenerator rnd, Cluster cl, String imageArch) {
    SystemSpec sys = sc.system();
    FaultType f = sc.fault();
    if (f.target() == FaultType.Target.NODE && sc.target() != null) {
      return new int[] {-1, -1};
    }
    List<int[]> cands = candidates(f, sys, g);
    if (cands.isEmpty()) {
      throw new IllegalArgumentException(
          "fault "
              + f.id()
              + " cannot be injected into topology "
              + sys.name()
              + " (it has no "
              + f.target().name().toLowerCase().replace('_', ' ')
              + ")");
    }
    if (sc.target() != null) {
      int t = sys.serviceIndex(sc.target());
      int p = sc.peer() == null ? -1 : sys.serviceIndex(sc.peer());
      for (int[] c : cands) {
        if (c[0] == t && (p < 0 || c[1] == p)) {
          return c;
        }
      }
      throw new IllegalArgumentException(
          "fault "
              + f.id()
              + " cannot target "
              + sc.target()
              + (sc.peer() == null ? "" : " -> " + sc.peer())
              + " in topology "
              + sys.name());
    }
    if (f == FaultType.NODE_FAILURE) {
      // prefer a node that hosts a single-replica component: losing it is felt
      List<int[]> single = new ArrayList<>();
      for (Cluster.Pod p : cl.pods) {
        if (sys.services().get(p.service()).replicas() == 1) {
          single.add(new int[] {p.service(), -1});
        }
      }
      cands = single.isEmpty() ? cands : single;
    }
    if (f == FaultType.WRONG_ARCHITECTURE) {
      List<int[]> mixed = new ArrayList<>();
      for (int[] c : cands) {
        for (int p : cl.podsOfService[c[0]]) {
          if (!sys.nodes().get(cl.pods.get(p).node()).arch().equals(imageArch)) {
            mixed.add(c);
            break;
          }
        }
      }
      cands = mixed.isEmpty() ? cands : mixed;
    }
    return cands.get(rnd.nextInt(cands.size()));
  }
}
