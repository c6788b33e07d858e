package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: three {@code warroom serve} processes share one PostgreSQL (zonky's embedded binaries)
 * as their queue; 300 incidents are queued; a seeded random process is killed with SIGKILL ({@link
 * Process#destroyForcibly()}) every 1-2.5 s and started again. Every incident must end DONE with
 * one report, none parked, and none announced twice (an announcement can only be lost when a
 * process dies between storing a report and posting it, so at most one per kill).
 */
class WorkerLeasesTest {
  static final int INCIDENTS = 300;
  static final int PROCESSES = 3;
  @TempDir Path dir;

  @Test
  void threeWorkerProcessesKilledAtRandomCompleteEachIncidentExactlyOnce() throws Exception {
    Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    Pattern idPattern = Pattern.compile("incident `([^`]+)`");
    HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext(
        "/hook",
        ex -> {
          String text =
              new ObjectMapper().readTree(ex.getRequestBody().readAllBytes()).path("text").asText();
          Matcher m = idPattern.matcher(text);
          if (m.find()) {
            posts.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
          }
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    slack.start();
    String hook = "http://127.0.0.1:" + slack.getAddress().getPort() + "/hook";
    List<Process> procs = new ArrayList<>();
    int kills = 0;
    long takenOver = 0;
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setPGStartupWait(Duration.ofMinutes(2)).start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE ROLE warroom LOGIN PASSWORD 'pw-leases-1'");
        s.execute("CREATE DATABASE warroom OWNER warroom");
      }
      DatabaseConfig db =
          new DatabaseConfig(
              "jdbc:postgresql://localhost:" + pg.getPort() + "/warroom", "warroom", "pw-leases-1");
      try (IncidentRepository repo = IncidentRepository.open(db)) {
        Instant now = Instant.now();
        List<IncidentRepository.Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
          String fp = "fp-" + i;
          arrivals.add(
              new IncidentRepository.Arrival(
                  fp,
                  "firing",
                  "generic",
                  fp + "@1",
                  new Incident(
                      "inc-" + i,
                      fp + "@1",
                      fp,
                      "generic",
                      "alert " + i,
                      "svc",
                      "firing",
                      IncidentState.QUEUED,
                      "{\"title\":\"alert "
                          + i
                          + "\",\"service\":\"svc\",\"startsAt\":\"2026-01-01T10:00:00Z\","
                          + "\"fingerprint\":\""
                          + fp
                          + "\"}",
                      now.plusMillis(i),
                      now.plusMillis(i),
                      null,
                      null,
                      null)));
        }
        repo.record(arrivals, INCIDENTS, now);
      }
      int[] generations = new int[PROCESSES];
      for (int i = 0; i < PROCESSES; i++) {
        procs.add(start(i, 0, db, hook));
      }
      Random random = new Random(15);
      long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
      long nextKill = System.nanoTime() + Duration.ofMillis(6000).toNanos();
      int generation = 1;
      try (IncidentRepository repo = IncidentRepository.open(db)) {
        while (System.nanoTime() < deadline && unfinished(repo) > 0) {
          if (System.nanoTime() > nextKill && kills < 12) {
            // Mostly a process in the middle of an investigation (its lease must expire and
            // another worker take over); else a random one.
            int victim = random.nextInt(PROCESSES);
            String busy = busyOwner(db);
            for (int i = 0; busy != null && i < PROCESSES; i++) {
              if (busy.equals(owner(i, generations[i]))) {
                victim = i;
              }
            }
            procs.get(victim).destroyForcibly().waitFor();
            kills++;
            generations[victim] = generation;
            procs.set(victim, start(victim, generation++, db, hook));
            nextKill = System.nanoTime() + Duration.ofMillis(1000 + random.nextInt(1500)).toNanos();
          }
          Thread.sleep(100);
        }
        Thread.sleep(1000); // announcements in flight
        Map<IncidentState, Long> states = repo.countByState();
        assertThat(states.get(IncidentState.DONE)).as("states " + states).isEqualTo(INCIDENTS);
        try (Connection c =
                java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
            Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT (SELECT count(*) FROM reports), (SELECT sum(attempts) FROM incidents),"
                        + " (SELECT count(*) FROM incidents WHERE attempts > 1)")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(INCIDENTS);
          takenOver = rs.getLong(3);
          System.out.printf(
              "WorkerLeasesTest: %d kills, %d claims for %d incidents, %d taken over after a"
                  + " kill, %d announced%n",
              kills, rs.getLong(2), INCIDENTS, rs.getLong(3), posts.size());
        }
      }
    } finally {
      for (Process p : procs) {
        p.destroyForcibly().waitFor();
      }
      slack.stop(0);
    }
    assertThat(kills).isPositive();
    assertThat(takenOver).as("incidents whose worker was killed mid-investigation").isPositive();
    assertThat(posts.values()).allSatisfy(v -> assertThat(v.get()).isEqualTo(1));
    assertThat(posts.size()).isBetween(INCIDENTS - kills, INCIDENTS);
  }

  /** The lease owner of some incident being investigated now, or null. */
  private static String busyOwner(DatabaseConfig db) throws java.sql.SQLException {
    try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT lease_owner FROM incidents WHERE state = 'RUNNING' AND lease_owner IS NOT"
                    + " NULL LIMIT 1")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** The owner name a worker process wrote at start, or null while it starts. */
  private String owner(int slot, int generation) {
    try {
      return Files.readString(dir.resolve("worker-" + slot + "-" + generation).resolve("owner"));
    } catch (IOException e) {
      return null;
    }
  }

  private static long unfinished(IncidentRepository repo) {
    Map<IncidentState, Long> s = repo.countByState();
    return s.get(IncidentState.QUEUED) + s.get(IncidentState.RUNNING);
  }

  private Process start(int slot, int generation, DatabaseConfig db, String hook)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path data = dir.resolve("worker-" + slot + "-" + generation);
    return new ProcessBuilder(
            java,
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            LeaseWorker.class.getName(),
            data.toString(),
            db.url(),
            db.user(),
            db.password(),
            hook)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("worker-" + slot + "-" + generation + ".log").toFile())
        .start();
  }
}
