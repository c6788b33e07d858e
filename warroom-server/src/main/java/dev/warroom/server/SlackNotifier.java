package dev.warroom.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a Slack incoming-webhook message ({@code {"text": "..."}} with mrkdwn, which Mattermost and
 * Rocket.Chat accept too) when an investigation finishes. Sent asynchronously so a slow chat
 * service never holds a worker; a failure is logged, not retried (the report stays in the API). The
 * URL itself is a secret and is never logged.
 */
final class SlackNotifier implements Consumer<Incident> {
  private static final Logger logger = LoggerFactory.getLogger(SlackNotifier.class);

  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  SlackNotifier(URI url) {
    this.url = url;
  }

  static String text(Incident i) {
    String title = escape(i.title());
    String head =
        switch (i.state()) {
          case DONE -> ":mag: *" + title + "* — verdict " + escape(i.verdict());
          case FAILED -> ":warning: *" + title + "* — investigation failed: " + escape(i.error());
          case PARKED -> ":warning: *" + title + "* — investigation parked: " + escape(i.error());
          case QUEUED, RUNNING -> "*" + title + "* — " + i.state();
        };
    String summary = i.summary() == null ? "" : "\n" + escape(i.summary());
    return head + summary + "\nincident `" + escape(i.id()) + "`";
  }

  /**
   * Slack's control characters (api.slack.com "Formatting text: escaping"): {@code &}, {@code <}
   * and {@code >} become entities, so alert text cannot ping {@code <!channel>} or forge {@code
   * <url|label>} links.
   */
  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void accept(Incident i) {
    ObjectNode body = json.createObjectNode();
    body.put("text", text(i));
    HttpRequest req =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                logger.warn("Slack notification for incident {} failed", i.id(), e);
              } else if (r.statusCode() >= 300) {
                logger.warn("Slack notification for incident {}: HTTP {}", i.id(), r.statusCode());
              }
            });
  }
}
