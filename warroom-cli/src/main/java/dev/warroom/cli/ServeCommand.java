package dev.warroom.cli;

import dev.warroom.engine.director.Director;
import dev.warroom.server.DatabaseConfig;
import dev.warroom.server.ServerConfig;
import dev.warroom.server.WarroomServer;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom serve [--port P] [--config FILE] [--data DIR]}: runs the HTTP server (alert
 * webhooks, investigation queue, incidents and reports API) until the process is stopped.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs warroom as a service: alert webhooks (Alertmanager, PagerDuty, Opsgenie, generic)"
          + " open incidents, a bounded queue investigates them over the embedded telemetry store,"
          + " and the API serves incidents, reports and feedback. See docs/server.md."
    },
    footer = {
      "",
      "Examples:",
      "  warroom serve --config warroom-server.json",
      "  warroom serve --config warroom-server.json --port 9090",
      "",
      "  WARROOM_DB_URL=jdbc:postgresql://db/warroom WARROOM_DB_USER=warroom \\",
      "    WARROOM_DB_PASSWORD=... warroom serve --config warroom-server.json",
      "",
      "Config file (JSON): {\"port\":8080, \"dataDir\":\"warroom-data\", \"workers\":2,",
      "  \"queueCapacity\":1000, \"webhookSecret\":\"...\",",
      "  \"tokens\":[{\"token\":\"...\",\"role\":\"admin|responder|viewer\"}],",
      "  \"database\":{\"url\":\"jdbc:postgresql://...\", \"user\":\"...\",",
      "               \"passwordFile\":\"...\" | \"passwordEnv\":\"NAME\"}}",
      "Without \"database\" (or WARROOM_DB_URL) incidents live in an embedded H2 file in",
      "dataDir. OTLP/HTTP (protobuf or JSON) is received at /v1/logs, /v1/metrics, /v1/traces."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Server config (JSON). Without it no API token exists and only /health answers.")
  Path config;

  @Option(names = "--port", paramLabel = "P", description = "Port (overrides the config; 0 = any).")
  Integer port;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data folder when no config is given (default: ${DEFAULT-VALUE}).",
      defaultValue = "warroom-data")
  Path data;

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description =
          "Investigate webhook alerts over the live backends of this sources file (see"
              + " docs/connectors.md) instead of the embedded store.")
  Path sources;

  @Override
  public Integer call() throws Exception {
    ServerConfig c;
    if (config != null) {
      c = ServerConfig.load(config);
    } else {
      c = new ServerConfig(8080, data, 2, 1000, Map.of(), null, null);
      String url = System.getenv("WARROOM_DB_URL");
      if (url != null && !url.isBlank()) {
        c =
            c.withDatabase(
                new DatabaseConfig(
                    url, System.getenv("WARROOM_DB_USER"), System.getenv("WARROOM_DB_PASSWORD")));
      }
    }
    if (port != null) {
      c = c.withPort(port);
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (ServedSources live =
            sources == null ? null : new ServedSources(LiveSources.open(sources));
        WarroomServer s =
            WarroomServer.start(
                c,
                dev.warroom.engine.director.ModelDirectory.defaultLocation()
                    .apply(Director.standard()),
                InstantSource.system(),
                live)) {
      spec.commandLine()
          .getErr()
          .printf("warroom serving on http://localhost:%d (%s)%n", s.port(), c);
      spec.commandLine().getErr().flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return ExitCodes.OK;
  }
}
