package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlackNotifierTest {
  @TempDir Path dir;

  @Test
  void finishedReportIsPostedToTheConfiguredSlackWebhook() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext(
        "/services/T0/B0/x",
        ex -> {
          received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    slack.start();
    try {
      Path cfg = dir.resolve("server.json");
      Files.writeString(
          cfg,
          """
          {"port":0,"dataDir":"data","webhookSecret":"%s",
           "slackUrl":"http://127.0.0.1:%d/services/T0/B0/x",
           "tokens":[{"token":"%s","role":"responder"},{"token":"%s","role":"viewer"}]}
          """
              .formatted(
                  TestServer.SECRET,
                  slack.getAddress().getPort(),
                  TestServer.RESPONDER,
                  TestServer.VIEWER));
      try (TestServer t = new TestServer(ServerConfig.load(cfg))) {
        var r =
            t.send(
                "POST",
                "/api/v1/alerts/generic",
                TestServer.RESPONDER,
                "{\"title\":\"checkout slow\",\"startsAt\":\"2026-01-01T10:00:00Z\"}");
        String id = t.parse(r.body()).path("incidents").get(0).path("id").asText();
        String msg = received.poll(60, TimeUnit.SECONDS);
        assertThat(msg).isNotNull();
        assertThat(t.parse(msg).path("text").asText())
            .contains("checkout slow")
            .contains(id)
            .contains("verdict");
      }
    } finally {
      slack.stop(0);
    }
  }

  @Test
  void configRejectsBadValuesNamingTheField() throws Exception {
    Path cfg = dir.resolve("bad.json");
    Files.writeString(
        cfg,
        "{\"port\":\"x\",\"slackUrl\":\"ftp://h\",\"tokens\":[{\"token\":\"short\",\"role\":\"admin\"},{\"token\":\"long-enough-1\",\"role\":\"boss\"}]}");
    var e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            dev.warroom.model.InvalidInputException.class, () -> ServerConfig.load(cfg));
    assertThat(e.problems())
        .anySatisfy(p -> assertThat(p).endsWith("#/port: expected an integer"))
        .anySatisfy(p -> assertThat(p).contains("#/slackUrl"))
        .anySatisfy(p -> assertThat(p).contains("#/tokens/0/token"))
        .anySatisfy(p -> assertThat(p).contains("#/tokens/1/role"));
  }
}
