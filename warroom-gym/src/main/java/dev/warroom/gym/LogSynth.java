package dev.warroom.gym;

import dev.warroom.model.Severity;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Log lines that are not tied to a sampled trace: requests that were not sampled (up to a
 * per-service cap per minute), background chatter (pool stats, scheduled jobs, GC), start-up
 * failures of crash-looping containers, stalled-consumer warnings, and the database, cache and
 * broker logs (PostgreSQL/MySQL slow-query and lock logs, checkpoints, Kafka rebalances).
 */
final class LogSynth {
  private final Simulator sim;
  private final TraceSynth out;
  private final LogStyle style;
  private final RandomGenerator rnd;
  private final int capPerMinute;
  private final int insufficientBalanceService;

  LogSynth(
      Simulator sim,
      TraceSynth out,
      LogStyle style,
      RandomGenerator rnd,
      int capPerMinute,
      int insufficientBalanceService) {
    this.sim = sim;
    this.out = out;
    this.style = style;
    this.rnd = rnd;
    this.capPerMinute = capPerMinute;
    this.insufficientBalanceService = insufficientBalanceService;
  }

  void run(List<Occurrence> occurrences, long windowEnd, Herrings herrings) {
    for (Simulator.Frame fr : sim.frames) {
      for (int s = 0; s < sim.system.services().size(); s++) {
        SystemSpec.Service svc = sim.system.services().get(s);
        switch (svc.kind()) {
          case SERVICE -> appLogs(s, svc, fr);
          case DATABASE -> dbLogs(s, svc, fr, herrings);
          case QUEUE -> brokerLogs(s, fr);
          case CACHE -> {
            if (fr.time() % 900_000 < Timeline.WINDOW_STEP_MILLIS) {
              emit(
                  s,
                  sim.cluster.podsOfService[s][0],
                  fr.time() + 1200,
                  Severity.INFO,
                  "Background saving started by pid " + (100 + rnd.nextInt(900)));
            }
          }
          case LOAD_BALANCER, EXTERNAL -> {}
        }
      }
    }
    for (Occurrence o : occurrences) {
      if (o.kind() == Occurrence.Kind.CRASH || o.kind() == Occurrence.Kind.EXEC_FORMAT_ERROR) {
        crashLogs(o, windowEnd);
      } else if (o.kind() == Occurrence.Kind.RESTARTED) {
        emit(o.service(), o.pod(), o.time() + 6000, Severity.INFO, startedLine(o.service()));
      }
    }
  }

  private void emit(int s, int pod, double at, Severity sev, String body) {
    out.log(s, pod, at, sev, body, null, null);
  }

  private void appLogs(int s, SystemSpec.Service svc, Simulator.Frame fr) {
    String lang = svc.language();
    int[] pods = sim.cluster.podsOfService[s];
    double rate = 0;
    for (int ep : sim.graph.endpointsOfService[s]) {
      rate += fr.epRate()[ep];
    }
    int extra = (int) Math.round(Math.min(rate * 15, capPerMinute / 4.0) * 0.7);
    for (int k = 0; k < extra; k++) {
      int ep = sim.graph.endpointsOfService[s][rnd.nextInt(sim.graph.endpointsOfService[s].length)];
      int pod = pods[rnd.nextInt(pods.length)];
      if (!fr.podUp()[pod]) {
        continue;
      }
      double at = fr.time() + rnd.nextDouble() * Timeline.WINDOW_STEP_MILLIS;
      String route = sim.graph.endpointName[ep];
      double ms =
          Math.max(
              0.3,
              fr.podSelfMs()[pod]
                  * sim.epFactor[ep]
                  * fr.epSelfMult()[ep]
                  * Math.exp(0.5 * rnd.nextGaussian()));
      if (rnd.nextDouble() < fr.epErr()[ep] && fr.epFailure()[ep] != null) {
        Failure f = fr.epFailure()[ep];
        String callee = null;
        String calleeEp = null;
        String ip = "";
        for (Graph.CallRef c : sim.graph.calls.get(ep)) {
          callee = sim.cluster.serviceName(sim.graph.endpointService[c.callee()]);
          calleeEp = sim.graph.endpointName[c.callee()];
          ip =
              sim.cluster
                  .pods
                  .get(sim.cluster.podsOfService[sim.graph.endpointService[c.callee()]][0])
                  .ip();
          if (fr.edgeErr()[c.edge()] > 0 || f == Failure.UPSTREAM_ERROR) {
            break;
          }
        }
        boolean local =
            switch (f) {
              case NULL_DEREFERENCE,
                  BAD_REQUEST_CONTRACT,
                  POOL_EXHAUSTED,
                  THREADS_REJECTED,
                  PRE_EXISTING,
                  TRANSIENT,
                  OUT_OF_MEMORY ->
                  true;
              default -> false;
            };
        emit(
            s,
            pod,
            at,
            Severity.ERROR,
            style.errorBody(
                svc.name(), lang, route, f, local ? null : callee, ip, local ? route : calleeEp));
      } else {
        emit(
            s,
            pod,
            at,
            Severity.INFO,
            LogStyle.requestLine(lang, TraceSynth.method(route), route, 200, ms, rnd));
      }
      if (s == insufficientBalanceService && rnd.nextDouble() < 0.03) {
        emit(
            s,
            pod,
            at + 1,
            Severity.ERROR,
            "Error submitting transaction: insufficient balance (account "
                + (1_000_000_000L + rnd.nextInt(899_999_999))
                + ", requested "
                + (100 + rnd.nextInt(90000))
                + " cents)");
      }
    }
    for (int p : pods) {
      if (!fr.podUp()[p]) {
        continue;
      }
      double at = fr.time() + rnd.nextDouble() * Timeline.WINDOW_STEP_MILLIS;
      double gc = fr.podGc()[p];
      if (lang.equals("java") && (gc > 0.08 || rnd.nextDouble() < 0.15)) {
        long heap = Math.round(sim.system.services().get(s).memoryLimitMib() * 0.75);
        long before = Math.round(heap * Math.min(0.99, 0.5 + gc));
        String pause =
            gc > 0.3
                ? "Pause Full (G1 Compaction Pause) "
                : "Pause Young (Normal) (G1 Evacuation Pause) ";
        double ms = gc > 0.3 ? 800 + 6000 * gc : 2 + 30 * gc + 5 * rnd.nextDouble();
        emit(
            s,
            p,
            at,
            gc > 0.3 ? Severity.WARN : Severity.INFO,
            "[gc] GC("
                + (1000 + (long) (fr.time() / 15_000 % 100_000))
                + ") "
                + pause
                + before
                + "M->"
                + Math.round(before * (gc > 0.3 ? 0.97 : 0.45))
                + "M("
                + heap
                + "M) "
                + Math.round(ms * 1000) / 1000.0
                + "ms");
      } else if (lang.equals("node") && gc > 0.5 && rnd.nextDouble() < 0.3) {
        emit(
            s,
            p,
            at,
            Severity.WARN,
            "<--- Last few GCs ---> [1:0x5e4c8a0] Mark-Compact (reduce) "
                + Math.round(400 * gc)
                + ".2 ("
                + Math.round(420 * gc)
                + ".0) -> "
                + Math.round(398 * gc)
                + ".9 MB, "
                + Math.round(900 * gc)
                + " ms");
      }
      if (fr.time() % 60_000 < Timeline.WINDOW_STEP_MILLIS && rnd.nextDouble() < 0.5) {
        emit(s, p, at + 3, Severity.INFO, background(lang, rnd));
      }
      if (fr.svcLag()[s] > 1000 && rnd.nextDouble() < 0.5) {
        emit(
            s,
            p,
            at + 5,
            Severity.WARN,
            lang.equals("java")
                ? "[Consumer clientId=consumer-"
                    + sim.cluster.serviceName(s)
                    + "-1, groupId="
                    + sim.cluster.serviceName(s)
                    + "] consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time processing messages."
                : "consumer group "
                    + sim.cluster.serviceName(s)
                    + ": handler still running after 300s for partition 3 offset "
                    + (400_000 + (long) fr.svcLag()[s])
                    + "; max.poll.interval.ms exceeded, leaving group");
      }
    }
  }

  private static String background(String lang, RandomGenerator rnd) {
    return switch (lang) {
      case "java" ->
          switch (rnd.nextInt(3)) {
            case 0 ->
                "HikariPool-1 - Pool stats (total=10, active="
                    + rnd.nextInt(4)
                    + ", idle="
                    + (6 + rnd.nextInt(4))
                    + ", waiting=0)";
            case 1 -> "Refreshed feature flags from flagd in " + (5 + rnd.nextInt(40)) + " ms";
            default ->
                "Scheduled task cleanupExpiredSessions completed, removed "
                    + rnd.nextInt(50)
                    + " entries";
          };
      case "python" ->
          rnd.nextBoolean()
              ? "Refreshing JWT public keys from userservice"
              : "gunicorn worker heartbeat ok (workers=4)";
      case "go" ->
          rnd.nextBoolean()
              ? "refreshed service config revision=" + (100 + rnd.nextInt(50))
              : "grpc health: serving status=SERVING";
      default ->
          rnd.nextBoolean()
              ? "metrics flushed to collector count=" + (100 + rnd.nextInt(400))
              : "cache warmup complete entries=" + rnd.nextInt(2000);
    };
  }

  private String startedLine(int s) {
    String name = CodeSnapshot.pascal(sim.cluster.serviceName(s));
    return switch (sim.system.services().get(s).language()) {
      case "java" ->
          "Started "
              + name
              + "Application in "
              + (5 + rnd.nextInt(6))
              + "."
              + rnd.nextInt(10)
              + " seconds (process running for 8.1)";
      case "python" -> "Booting worker with pid: " + (7 + rnd.nextInt(20));
      case "go" -> "starting grpc server at :50051";
      default -> "Server listening on port 8080";
    };
  }

  private void crashLogs(Occurrence o, long windowEnd) {
    String lang = sim.system.services().get(o.service()).language();
    long backoff = 10_000;
    long t = o.time() + 2_000;
    while (t < windowEnd) {
      if (o.kind() == Occurrence.Kind.EXEC_FORMAT_ERROR) {
        emit(
            o.service(),
            o.pod(),
            t,
            Severity.ERROR,
            "exec /app/" + sim.cluster.serviceName(o.service()) + ": exec format error");
      } else {
        emit(
            o.service(),
            o.pod(),
            t,
            Severity.FATAL,
            switch (lang) {
              case "java" ->
                  "\n\n***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\nFailed to bind properties under 'database.pool-max-size' to int:\n\n    Property: database.pool-max-size\n    Value: \"1O\"\n    Origin: System Environment Property \"DB_POOL_MAX_SIZE\"\n    Reason: failed to convert java.lang.String to int (caused by java.lang.NumberFormatException: For input string: \"1O\")";
              case "python" ->
                  "Traceback (most recent call last):\n  File \"/app/app/config.py\", line 12, in <module>\n    POOL_MAX = int(os.environ[\"DB_POOL_MAX_SIZE\"])\nValueError: invalid literal for int() with base 10: '1O'";
              case "go" ->
                  "fatal: invalid config: DB_POOL_MAX_SIZE: strconv.Atoi: parsing \"1O\": invalid syntax";
              default ->
                  "RangeError [ERR_OUT_OF_RANGE]: DB_POOL_MAX_SIZE must be a positive integer. Received '1O'";
            });
      }
      t += backoff + 1500;
      backoff = Math.min(300_000, backoff * 2);
    }
  }

  private void dbLogs(int s, SystemSpec.Service svc, Simulator.Frame fr, Herrings herrings) {
    int pod = sim.cluster.podsOfService[s][0];
    boolean pg = !svc.language().equals("mysql");
    if (fr.time() % 300_000 < Timeline.WINDOW_STEP_MILLIS && pg) {
      emit(s, pod, fr.time() + 10, Severity.INFO, "checkpoint starting: time");
      emit(
          s,
          pod,
          fr.time() + 27_000,
          Severity.INFO,
          "checkpoint complete: wrote "
              + (800 + rnd.nextInt(4000))
              + " buffers ("
              + (1 + rnd.nextInt(9))
              + "."
              + rnd.nextInt(10)
              + "%); 0 WAL file(s) added, 0 removed, 1 recycled; write=26.9"
              + rnd.nextInt(10)
              + " s, sync=0.0"
              + rnd.nextInt(10)
              + " s, total=27.0"
              + rnd.nextInt(10)
              + " s");
    }
    for (int ep : sim.graph.endpointsOfService[s]) {
      double ms = fr.podSelfMs()[pod] * sim.epFactor[ep] * fr.epSelfMult()[ep];
      boolean batch =
          herrings != null && ep == herrings.batchEndpoint() && herrings.batchRunning(fr.time());
      int n =
          batch
              ? (rnd.nextDouble() < 0.3 ? 1 : 0)
              : ms > 1000 ? (int) Math.min(25, Math.ceil(fr.epRate()[ep] * 15 * 0.3)) : 0;
      String stmt = svc.endpoint(sim.graph.endpointName[ep]).statement();
      for (int k = 0; k < n; k++) {
        double d =
            batch ? 20_000 + 15_000 * rnd.nextDouble() : ms * Math.exp(0.3 * rnd.nextGaussian());
        double at = fr.time() + rnd.nextDouble() * 15_000;
        long rows =
            Math.round(
                sim.dbRowsPerCall[ep] * fr.epRowsMult()[ep] * (0.8 + 0.4 * rnd.nextDouble()));
        emit(
            s,
            pod,
            at,
            Severity.INFO,
            pg
                ? "duration: " + Math.round(d * 1000) / 1000.0 + " ms  execute <unnamed>: " + stmt
                : "# Query_time: "
                    + Math.round(d) / 1000.0
                    + "  Lock_time: 0.000"
                    + rnd.nextInt(9)
                    + " Rows_sent: "
                    + Math.min(rows, 48)
                    + "  Rows_examined: "
                    + rows
                    + "\n"
                    + stmt
                    + ";");
      }
      if (fr.epSelfErr()[ep] > 0 && fr.epSelfFailure()[ep] != null) {
        int errs = (int) Math.min(15, Math.ceil(fr.epRate()[ep] * 15 * fr.epSelfErr()[ep]));
        for (int k = 0; k < errs; k++) {
          double at = fr.time() + rnd.nextDouble() * 15_000;
          switch (fr.epSelfFailure()[ep]) {
            case DISK_FULL ->
                emit(
                    s,
                    pod,
                    at,
                    Severity.ERROR,
                    "could not extend file \"base/16384/"
                        + (16397 + ep)
                        + "\": No space left on device\nHINT:  Check free disk space.\nSTATEMENT:  "
                        + stmt);
            case LOCK_TIMEOUT ->
                emit(
                    s,
                    pod,
                    at,
                    Severity.ERROR,
                    "canceling statement due to lock timeout\nSTATEMENT:  " + stmt);
            default -> {}
          }
        }
      }
    }
    if (fr.svcLockWaits()[s] > 0) {
      int n = (int) Math.min(12, fr.svcLockWaits()[s] / 3 + 1);
      for (int k = 0; k < n; k++) {
        int waiter = 4000 + rnd.nextInt(3000);
        emit(
            s,
            pod,
            fr.time() + rnd.nextDouble() * 15_000,
            Severity.INFO,
            "process "
                + waiter
                + " still waiting for ShareLock on transaction "
                + (880_000 + rnd.nextInt(9000))
                + " after 1000."
                + (10 + rnd.nextInt(89))
                + " ms\nDETAIL:  Process holding the lock: 3917. Wait queue: "
                + waiter
                + ".\nCONTEXT:  while updating tuple ("
                + rnd.nextInt(5000)
                + ","
                + rnd.nextInt(60)
                + ") in relation \""
                + relation(svc)
                + "\"");
      }
    }
  }

  private static String relation(SystemSpec.Service svc) {
    for (SystemSpec.Endpoint e : svc.endpoints()) {
      String st = e.statement();
      if (st.startsWith("UPDATE ") || st.startsWith("INSERT INTO ")) {
        String[] w = st.split("\\s+");
        return st.startsWith("UPDATE") ? w[1] : w[2];
      }
    }
    return "accounts";
  }

  private void brokerLogs(int s, Simulator.Frame fr) {
    int pod = sim.cluster.podsOfService[s][0];
    for (int ep : sim.graph.endpointsOfService[s]) {
      for (Graph.CallRef c : sim.graph.calls.get(ep)) {
        int consumer = sim.graph.endpointService[c.callee()];
        if (fr.svcLag()[consumer] > 500 && rnd.nextDouble() < 0.08) {
          String g = sim.cluster.serviceName(consumer);
          emit(
              s,
              pod,
              fr.time() + rnd.nextDouble() * 15_000,
              Severity.INFO,
              "[GroupCoordinator 1]: Preparing to rebalance group "
                  + g
                  + " in state PreparingRebalance with old generation "
                  + (40 + rnd.nextInt(20))
                  + " (__consumer_offsets-"
                  + rnd.nextInt(50)
                  + ") (reason: Removing member consumer-"
                  + g
                  + "-1-"
                  + Long.toHexString(rnd.nextLong()).substring(0, 8)
                  + " on LeaveGroup; client reason: consumer poll timeout has expired.)");
        }
      }
    }
  }
}
