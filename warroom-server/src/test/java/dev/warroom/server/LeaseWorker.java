package dev.warroom.server;

import dev.warroom.engine.director.Director;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * Main class of the worker processes of {@link WorkerLeasesTest}: a server on a shared PostgreSQL
 * with short leases, announcing finished incidents to the test's Slack stand-in. Args: data folder,
 * JDBC URL, user, password, Slack URL.
 */
final class LeaseWorker {
  private LeaseWorker() {}

  public static void main(String[] args) throws Exception {
    ServerConfig c =
        new ServerConfig(
                0,
                Path.of(args[0]),
                1,
                100_000,
                Map.of(TestServer.RESPONDER, Role.RESPONDER),
                null,
                URI.create(args[4]),
                new DatabaseConfig(args[1], args[2], args[3]))
            .withLeases(new ServerConfig.Leases(Duration.ofSeconds(2), 5, Duration.ofMillis(100)));
    WarroomServer s = WarroomServer.start(c, Director.standard(), InstantSource.system());
    java.nio.file.Files.writeString(Path.of(args[0]).resolve("owner"), s.workerId());
    Thread.currentThread().join(); // until killed
  }
}
