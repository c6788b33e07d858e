package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings of {@code warroom serve}, read from a JSON file:
 *
 * <pre>{@code
 * {"port": 8080, "dataDir": "warroom-data", "workers": 2, "queueCapacity": 1000,
 *  "slackUrl": "https://hooks.slack.com/services/...",
 *  "webhookSecret": "s3cret",
 *  "tokens": [{"token": "abc", "role": "admin"}, {"token": "def", "role": "viewer"}],
 *  "database": {"url": "jdbc:postgresql://db:5432/warroom", "user": "warroom",
 *               "passwordFile": "/run/secrets/warroom-db"}}
 * }</pre>
 *
 * <p>The database may also come from the environment: {@code WARROOM_DB_URL}, {@code
 * WARROOM_DB_USER}, {@code WARROOM_DB_PASSWORD} (these win over the file). A password is never
 * written in the config file itself: {@code passwordFile} names a file holding it, {@code
 * passwordEnv} an environment variable.
 *
 * <p>Nothing is defaulted silently when present but wrong: a bad value fails with the file and JSON
 * pointer of the field.
 *
 * @param port TCP port; 0 picks a free one
 * @param dataDir where the embedded databases live (telemetry and incidents)
 * @param workers investigations run at once
 * @param queueCapacity investigations waiting at most; more are refused with 503
 * @param tokens API token to role
 * @param webhookSecret shared secret accepted on the alert webhooks (header {@code
 *     X-Warroom-Secret}), or null for token-only
 * @param slackUrl a Slack-compatible incoming webhook that gets a message per finished report, or
 *     null
 * @param database the incident database, or null for the embedded H2 file in {@code dataDir}
 * @param limits request, upload and archive-entry size limits ({@code "limits"})
 * @param leases how workers hold incidents in the shared queue ({@code "leases"})
 * @param options names of tokens, telemetry retention, the external URL and dashboards
 */
public record ServerConfig(
    int port,
    Path dataDir,
    int workers,
    int queueCapacity,
    Map<String, Role> tokens,
    String webhookSecret,
    java.net.URI slackUrl,
    DatabaseConfig database,
    UploadLimits limits,
    Leases leases,
    Options options) {
  /**
   * Settings added for operations (issue 15), each optional:
   *
   * @param tokenNames who holds a token ({@code tokens[].name}), recorded with feedback; a token
   *     without a name is named by its role and a short hash, never by its text
   * @param retention telemetry older than this is dropped from the store ({@code retentionHours});
   *     null keeps everything
   * @param externalUrl the server's address as users reach it ({@code externalUrl}), for links to
   *     reports in Slack messages; null: no link
   * @param dashboards links shown on a report page ({@code dashboards[]: {name, url}}); {@code
   *     {service}} in a URL is replaced by the top candidate's (else the alerted) service
   * @param groupWindow related alerts ({@code groupWindowMinutes}): a firing alert that starts
   *     within this of an open incident's alert, on the same service or one connected to it in the
   *     topology, joins that incident; null: every alert opens its own
   */
  public record Options(
      Map<String, String> tokenNames,
      java.time.Duration retention,
      java.net.URI externalUrl,
      List<Dashboard> dashboards,
      java.time.Duration groupWindow) {
    public static final Options DEFAULT = new Options(Map.of(), null, null, List.of(), null);

    /** Same options with another grouping window. */
    public Options withGroupWindow(java.time.Duration w) {
      return new Options(tokenNames, retention, externalUrl, dashboards, w);
    }

    public Options {
      tokenNames = Map.copyOf(tokenNames);
      dashboards = List.copyOf(dashboards);
      if (retention != null && retention.toMinutes() < 1) {
        throw new IllegalArgumentException(
            "retentionHours: must be at least 1 minute: " + retention);
      }
    }

    /** Same options with another retention. */
    public Options withRetention(java.time.Duration r) {
      return new Options(tokenNames, r, externalUrl, dashboards, groupWindow);
    }

    /** Same options with another external URL. */
    public Options withExternalUrl(java.net.URI u) {
      return new Options(tokenNames, retention, u, dashboards, groupWindow);
    }

    /** Same options with other token names. */
    public Options withTokenNames(Map<String, String> names) {
      return new Options(names, retention, externalUrl, dashboards, groupWindow);
    }

    /** Same options with other dashboards. */
    public Options withDashboards(List<Dashboard> d) {
      return new Options(tokenNames, retention, externalUrl, d, groupWindow);
    }
  }

  /** A dashboard linked from report pages; {@code {service}} in the URL names the service. */
  public record Dashboard(String name, String url) {
    public Dashboard {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * Worker leases on queued incidents: a worker holds an incident for {@code lease}, renewing it
   * every third of that while it investigates; an incident whose lease ran out (its worker died) is
   * taken again, and one taken {@code maxAttempts} times without finishing is parked as poison.
   *
   * @param lease how long a claim holds without a heartbeat
   * @param maxAttempts claims before an incident is parked
   * @param poll how often an idle worker looks for work another process queued
   */
  public record Leases(java.time.Duration lease, int maxAttempts, java.time.Duration poll) {
    public static final Leases DEFAULT =
        new Leases(java.time.Duration.ofSeconds(60), 3, java.time.Duration.ofSeconds(1));

    public Leases {
      if (lease.toMillis() < 100) {
        throw new IllegalArgumentException("leases/seconds: must be >= 0.1: " + lease);
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("leases/maxAttempts: must be >= 1: " + maxAttempts);
      }
      if (poll.toMillis() < 10) {
        throw new IllegalArgumentException("leases/pollSeconds: must be >= 0.01: " + poll);
      }
    }
  }

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: out of range 0..65535: " + port);
    }
    Objects.requireNonNull(dataDir, "dataDir");
    if (workers < 1) {
      throw new IllegalArgumentException("workers: must be >= 1: " + workers);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity: must be >= 1: " + queueCapacity);
    }
    tokens = Map.copyOf(tokens);
    if (webhookSecret != null && webhookSecret.isBlank()) {
      webhookSecret = null;
    }
    limits = limits == null ? UploadLimits.DEFAULT : limits;
    leases = leases == null ? Leases.DEFAULT : leases;
    options = options == null ? Options.DEFAULT : options;
  }

  /** Settings with default options. */
  public ServerConfig(
      int port,
      Path dataDir,
      int workers,
      int queueCapacity,
      Map<String, Role> tokens,
      String webhookSecret,
      java.net.URI slackUrl,
      DatabaseConfig database,
      UploadLimits limits,
      Leases leases) {
    this(
        port,
        dataDir,
        workers,
        queueCapacity,
        tokens,
        webhookSecret,
        slackUrl,
        database,
        limits,
        leases,
        null);
  }

  /** Same settings with other options. */
  public ServerConfig withOptions(Options o) {
    return new ServerConfig(
        port,
        dataDir,
        workers,
        queueCapacity,
        tokens,
        webhookSecret,
        slackUrl,
        database,
        limits,
        leases,
        o);
  }

  /** Settings with the embedded incident database. */
  public ServerConfig(
      int port,
      Path dataDir,
      int workers,
      int queueCapacity,
      Map<String, Role> tokens,
      String webhookSecret,
      java.net.URI slackUrl) {
    this(port, dataDir, workers, queueCapacity, tokens, webhookSecret, slackUrl, null, null, null);
  }

  /** Settings with default limits and leases. */
  public ServerConfig(
      int port,
      Path dataDir,
      int workers,
      int queueCapacity,
      Map<String, Role> tokens,
      String webhookSecret,
      java.net.URI slackUrl,
      DatabaseConfig database) {
    this(
        port,
        dataDir,
        workers,
        queueCapacity,
        tokens,
        webhookSecret,
        slackUrl,
        database,
        null,
        null);
  }

  /** Same settings with other size limits. */
  public ServerConfig withLimits(UploadLimits l) {
    return new ServerConfig(
        port,
        dataDir,
        workers,
        queueCapacity,
        tokens,
        webhookSecret,
        slackUrl,
        database,
        l,
        leases,
        options);
  }

  /** Same settings with other worker leases. */
  public ServerConfig withLeases(Leases l) {
    return new ServerConfig(
        port,
        dataDir,
        workers,
        queueCapacity,
        tokens,
        webhookSecret,
        slackUrl,
        database,
        limits,
        l,
        options);
  }

  /** Same settings on another port. */
  public ServerConfig withPort(int p) {
    return new ServerConfig(
        p,
        dataDir,
        workers,
        queueCapacity,
        tokens,
        webhookSecret,
        slackUrl,
        database,
        limits,
        leases,
        options);
  }

  /** Same settings with another incident database. */
  public ServerConfig withDatabase(DatabaseConfig db) {
    return new ServerConfig(
        port,
        dataDir,
        workers,
        queueCapacity,
        tokens,
        webhookSecret,
        slackUrl,
        db,
        limits,
        leases,
        options);
  }

  /** The incident database: the configured one, else the embedded file in {@code dataDir}. */
  public DatabaseConfig incidentDatabase() {
    return database != null ? database : DatabaseConfig.embedded(dataDir);
  }

  /** Reads a config file with the process environment; see {@link #load(Path, Function)}. */
  public static ServerConfig load(Path file) {
    return load(file, System::getenv);
  }

  /**
   * Reads a config file; {@code dataDir} and {@code passwordFile} are resolved against the file's
   * folder; {@code env} gives environment variables.
   */
  public static ServerConfig load(Path file, Function<String, String> env) {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not readable JSON: " + e.getMessage());
    }
    if (doc == null || !doc.isObject()) {
      throw new InvalidInputException(file + "#: expected a JSON object");
    }
    List<String> problems = new ArrayList<>();
    ConfigKeys.check(doc, file, problems);
    int port = intField(doc, "port", 8080, file, problems);
    int workers = intField(doc, "workers", 2, file, problems);
    int capacity = intField(doc, "queueCapacity", 1000, file, problems);
    Path base = file.toAbsolutePath().getParent();
    Path dataDir = base.resolve(doc.path("dataDir").asText("warroom-data"));
    Map<String, Role> tokens = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    JsonNode list = doc.path("tokens");
    if (!list.isMissingNode() && !list.isArray()) {
      problems.add(file + "#/tokens: expected an array");
    }
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      String at = file + "#/tokens/" + i;
      JsonNode t = list.get(i);
      String token = t.path("token").asText("");
      if (token.length() < 8) {
        problems.add(at + "/token: missing or shorter than 8 characters");
        continue;
      }
      try {
        tokens.put(token, Role.parse(t.path("role").asText(""), at + "/role"));
        if (t.has("name")) {
          if (!t.get("name").isTextual() || t.get("name").asText().isBlank()) {
            problems.add(at + "/name: expected a non-empty string");
          } else {
            names.put(token, t.get("name").asText());
          }
        }
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    String secret = doc.hasNonNull("webhookSecret") ? doc.get("webhookSecret").asText() : null;
    java.net.URI slack = null;
    if (doc.hasNonNull("slackUrl")) {
      try {
        slack = java.net.URI.create(doc.get("slackUrl").asText());
        if (slack.getScheme() == null || !slack.getScheme().startsWith("http")) {
          problems.add(file + "#/slackUrl: expected an http(s) URL");
        }
      } catch (IllegalArgumentException e) {
        problems.add(file + "#/slackUrl: not a URL: " + e.getMessage());
      }
    }
    DatabaseConfig db = ServerDatabaseSettings.read(doc, file, env, problems);
    UploadLimits limits = ConfigKeys.limits(doc.path("limits"), file, problems);
    Leases leases = ConfigKeys.leases(doc.path("leases"), file, problems);
    Options options = ConfigKeys.options(doc, file, problems).withTokenNames(names);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    try {
      return new ServerConfig(
          port, dataDir, workers, capacity, tokens, secret, slack, db, limits, leases, options);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + "#/" + e.getMessage());
    }
  }

  private static int intField(JsonNode doc, String name, int dflt, Path f, List<String> problems) {
    JsonNode n = doc.get(name);
    if (n == null) {
      return dflt;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      problems.add(f + "#/" + name + ": expected an integer");
      return dflt;
    }
    return n.intValue();
  }

  @Override
  public String toString() {
    // Tokens and the secret never reach logs.
    return ("ServerConfig[port=%d, dataDir=%s, workers=%d, queueCapacity=%d, tokens=%d, secret=%s,"
            + " slack=%s, database=%s]")
        .formatted(
            port,
            dataDir,
            workers,
            queueCapacity,
            tokens.size(),
            webhookSecret == null ? "no" : "***",
            slackUrl == null ? "no" : "yes",
            database == null ? "embedded" : database);
  }
}
