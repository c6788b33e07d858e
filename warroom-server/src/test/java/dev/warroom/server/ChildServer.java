package dev.warroom.server;

import dev.warroom.engine.director.Director;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * Main class of the child JVM in {@link RestartRecoveryTest}: one worker, port written to a file.
 */
final class ChildServer {
  private ChildServer() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    ServerConfig c =
        new ServerConfig(0, dir, 1, 1000, Map.of(TestServer.RESPONDER, Role.RESPONDER), null, null);
    WarroomServer s = WarroomServer.start(c, Director.standard(), InstantSource.system());
    java.nio.file.Files.writeString(dir.resolve("port"), String.valueOf(s.port()));
    Thread.currentThread().join(); // until killed
  }
}
