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
 * Rocket.Chat accept too) when an investigation finishes: the verdict, the top root-cause candidate
 * and a link to the report page (the config's {@code externalUrl}); and a follow-up message when
 * the alert resolves (an incoming webhook cannot edit a message it posted, so the update is a
 * follow-up naming the same incident). Sent asynchronously so a slow chat service never holds a
 * worker; a failure is logged, not retried (the report stays in the API). The URL itself is a
 * secret and is never logged.
 */
final class SlackNotifier implements Consumer<Incident> {
  private static final Logger logger = LoggerFactory.getLogger(SlackNotifier.class);

  private final URI url;
  private final URI externalUrl;
  private final java.util.function.Function<String, Headline> headlines;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  SlackNotifier(URI url) {
    this(url, null, id -> Headline.NONE);
  }

  /**
   * @param externalUrl the server's address as users reach it, for links (null: no link)
   * @param headlines the headline of an incident's report by id
   */
  SlackNotifier(URI url, URI externalUrl, java.util.function.Function<String, Headline> headlines) {
    this.url = url;
    this.externalUrl = externalUrl;
    this.headlines = headlines;
  }

  static String text(Incident i) {
    return text(i, Headline.NONE, null);
  }

  /** The message for a finished investigation. */
  static String text(Incident i, Headline h, URI externalUrl) {
    String title = escape(i.title());
    String head =
        switch (i.state()) {
          case DONE -> ":mag: *" + title + "* — verdict *" + escape(verdict(i)) + "*";
          case FAILED -> ":warning: *" + title + "* — investigation failed: " + escape(i.error());
          case PARKED -> ":warning: *" + title + "* — investigation parked: " + escape(i.error());
          case QUEUED, RUNNING -> "*" + title + "* — " + i.state();
        };
    String top =
        i.state() == IncidentState.DONE
            ? "\ntop candidate: "
                + (h.describe() == null ? "none" : "*" + escape(h.describe()) + "*")
            : "";
    String summary = i.summary() == null ? "" : "\n" + escape(i.summary());
    return head + top + summary + "\n" + reference(i, externalUrl);
  }

  /** The follow-up when the incident's alert resolved. */
  static String resolvedText(Incident i, Headline h, URI externalUrl) {
    String was =
        i.verdict() == null
            ? "the investigation is " + i.state().name().toLowerCase(java.util.Locale.ROOT)
            : "verdict was *"
                + escape(verdict(i))
                + "*"
                + (h.describe() == null ? "" : ", top candidate *" + escape(h.describe()) + "*");
    return ":white_check_mark: *"
        + escape(i.title())
        + "* — alert resolved; "
        + was
        + "\n"
        + reference(i, externalUrl);
  }

  private static String verdict(Incident i) {
    return i.verdict() == null ? "" : i.verdict().replace('_', ' ');
  }

  /** {@code <URL|open the report> (incident `id`)}, or the id alone without an external URL. */
  static String reference(Incident i, URI externalUrl) {
    String id = "incident `" + escape(i.id()) + "`";
    if (externalUrl == null) {
      return id;
    }
    String base = externalUrl.toString();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    // the id is [a-z0-9-] (AlertIntake), so it needs no URL escaping
    return "<"
        + escape(base)
        + "/ui/incidents/"
        + escape(i.id())
        + "|open the report> ("
        + id
        + ")";
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
    post(i, text(i, headlines.apply(i.id()), externalUrl));
  }

  /** Posts the follow-up for an incident whose alert resolved. */
  void resolved(Incident i) {
    post(i, resolvedText(i, headlines.apply(i.id()), externalUrl));
  }

  private void post(Incident i, String text) {
    ObjectNode body = json.createObjectNode();
    body.put("text", text);
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
