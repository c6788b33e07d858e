package dev.warroom.gym;

import dev.warroom.model.DbLockWait;
import dev.warroom.model.SeriesKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Lock waits of one database at the end of the window, as a pg_blocking_pids() query over
 * pg_stat_activity (or sys.innodb_lock_waits) would list them. Under lock contention a long
 * transaction, idle after a write, blocks the writers; some writers wait on a writer that itself
 * waits (a chain whose head is the long transaction). Without that fault a busy database shows at
 * most a couple of sub-second waits between writers, normal contention.
 */
final class DbLockWaits {
  private final Simulator sim;
  private final MetricRecorder rec;
  private final Injection inj;
  private final int service;
  private final boolean mysql;
  private final SplittableRandom rnd;

  DbLockWaits(
      Simulator sim,
      MetricRecorder rec,
      Injection inj,
      int service,
      boolean mysql,
      SplittableRandom rnd) {
    this.sim = sim;
    this.rec = rec;
    this.inj = inj;
    this.service = service;
    this.mysql = mysql;
    this.rnd = rnd;
  }

  List<DbLockWait> waits(Map<String, String> truth, boolean faulty) {
    SystemSpec.Service svc = sim.system.services().get(service);
    List<String> writes = new ArrayList<>();
    for (int ep : sim.graph.endpointsOfService[service]) {
      String st = svc.endpoint(sim.graph.endpointName[ep]).statement();
      if (st.startsWith("INSERT") || st.startsWith("UPDATE") || st.startsWith("DELETE")) {
        writes.add(st);
      }
    }
    List<DbLockWait> out = new ArrayList<>();
    if (writes.isEmpty()) {
      return out;
    }
    String mode = mysql ? "X" : "ShareLock";
    if (faulty && inj.fault() == FaultType.LOCK_CONTENTION) {
      String blocker =
          writes.stream().filter(w -> w.startsWith("UPDATE")).findFirst().orElse(writes.get(0));
      String blockerPid = pid();
      truth.put("db_blocker_session", blockerPid);
      truth.put("db_blocker_statement", blocker);
      truth.put("db_table", DbPlans.table(blocker));
      double[] lw = rec.values(SeriesKey.of("db_lock_waits", "service", svc.name()));
      int n = (int) Math.max(3, Math.min(30, Math.round(lw[lw.length - 1])));
      long maxWait = Math.max(2_000, sim.timeline.windowEnd - inj.onset());
      List<String> pids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String stmt = writes.get(i % writes.size());
        String pid = pid();
        // a fifth of the writers queue behind another writer rather than the long transaction
        String on =
            !pids.isEmpty() && rnd.nextDouble() < 0.2
                ? pids.get(rnd.nextInt(pids.size()))
                : blockerPid;
        String onStatement =
            on.equals(blockerPid) ? blocker : writes.get(pids.indexOf(on) % writes.size());
        out.add(
            new DbLockWait(
                pid,
                stmt,
                on,
                onStatement,
                on.equals(blockerPid) ? (mysql ? "Sleep" : "idle in transaction") : "active",
                DbPlans.table(stmt),
                mode,
                Duration.ofMillis(1_000 + (long) (rnd.nextDouble() * (maxWait - 1_000)))));
        pids.add(pid);
      }
    } else if (rnd.nextDouble() < 0.4) {
      int k = 1 + rnd.nextInt(2);
      for (int i = 0; i < k; i++) {
        String a = writes.get(rnd.nextInt(writes.size()));
        String b = writes.get(rnd.nextInt(writes.size()));
        out.add(
            new DbLockWait(
                pid(),
                a,
                pid(),
                b,
                "active",
                DbPlans.table(a),
                mode,
                Duration.ofMillis(30 + rnd.nextInt(870))));
      }
    }
    return out;
  }

  private String pid() {
    return Integer.toString(mysql ? 20 + rnd.nextInt(4000) : 1000 + rnd.nextInt(60000));
  }
}
