package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of the server config: every key must be known (a typo such as {@code "tokkens"}
 * would otherwise leave a server without tokens, silently), reported with its JSON pointer.
 */
final class ConfigKeys {
  private static final Set<String> TOP =
      Set.of(
          "port",
          "dataDir",
          "workers",
          "queueCapacity",
          "webhookSecret",
          "slackUrl",
          "tokens",
          "database",
          "limits",
          "leases",
          "retentionHours",
          "groupWindowMinutes",
          "externalUrl",
          "dashboards");
  private static final Map<String, Set<String>> NESTED =
      Map.of(
          "database", Set.of("url", "user", "password", "passwordFile", "passwordEnv"),
          "limits", Set.of("requestBytes", "uploadBytes", "bundleBytes", "entryBytes"),
          "leases", Set.of("seconds", "maxAttempts", "pollSeconds"));
  private static final Set<String> TOKEN = Set.of("token", "role", "name");
  private static final Set<String> DASHBOARD = Set.of("name", "url");

  private ConfigKeys() {}

  static void check(JsonNode doc, Path file, List<String> problems) {
    unknown(doc, TOP, file + "#", problems);
    NESTED.forEach(
        (name, keys) -> {
          if (doc.path(name).isObject()) {
            unknown(doc.get(name), keys, file + "#/" + name, problems);
          }
        });
    JsonNode tokens = doc.path("tokens");
    for (int i = 0; tokens.isArray() && i < tokens.size(); i++) {
      if (tokens.get(i).isObject()) {
        unknown(tokens.get(i), TOKEN, file + "#/tokens/" + i, problems);
      } else {
        problems.add(file + "#/tokens/" + i + ": expected an object {token, role}");
      }
    }
    JsonNode dashboards = doc.path("dashboards");
    for (int i = 0; dashboards.isArray() && i < dashboards.size(); i++) {
      if (dashboards.get(i).isObject()) {
        unknown(dashboards.get(i), DASHBOARD, file + "#/dashboards/" + i, problems);
      }
    }
  }

  private static void unknown(JsonNode n, Set<String> known, String at, List<String> problems) {
    n.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                problems.add(
                    at + "/" + k + ": unknown key (expected one of " + sorted(known) + ")");
              }
            });
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", s.stream().sorted().toList());
  }

  static UploadLimits limits(JsonNode n, Path file, List<String> problems) {
    if (n.isMissingNode() || n.isNull()) {
      return UploadLimits.DEFAULT;
    }
    if (!n.isObject()) {
      problems.add(file + "#/limits: expected an object");
      return UploadLimits.DEFAULT;
    }
    UploadLimits d = UploadLimits.DEFAULT;
    long request = bytes(n, "requestBytes", d.requestBytes(), file, problems);
    long upload = bytes(n, "uploadBytes", d.uploadBytes(), file, problems);
    long bundle = bytes(n, "bundleBytes", d.bundleBytes(), file, problems);
    long entry = bytes(n, "entryBytes", d.entryBytes(), file, problems);
    return new UploadLimits(request, upload, bundle, entry);
  }

  private static long bytes(JsonNode n, String k, long dflt, Path file, List<String> problems) {
    JsonNode v = n.get(k);
    if (v == null) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
      problems.add(file + "#/limits/" + k + ": expected a positive integer (bytes)");
      return dflt;
    }
    return v.longValue();
  }

  static ServerConfig.Leases leases(JsonNode n, Path file, List<String> problems) {
    ServerConfig.Leases d = ServerConfig.Leases.DEFAULT;
    if (n.isMissingNode() || n.isNull()) {
      return d;
    }
    if (!n.isObject()) {
      problems.add(file + "#/leases: expected an object");
      return d;
    }
    double seconds = number(n, "seconds", d.lease().toMillis() / 1000.0, 0.1, file, problems);
    double attempts = number(n, "maxAttempts", d.maxAttempts(), 1, file, problems);
    double poll = number(n, "pollSeconds", d.poll().toMillis() / 1000.0, 0.01, file, problems);
    if (attempts != Math.rint(attempts) || attempts > 1000) {
      problems.add(file + "#/leases/maxAttempts: expected an integer 1..1000");
      attempts = d.maxAttempts();
    }
    return new ServerConfig.Leases(
        Duration.ofMillis(Math.round(seconds * 1000)),
        (int) attempts,
        Duration.ofMillis(Math.round(poll * 1000)));
  }

  private static double number(
      JsonNode n, String k, double dflt, double min, Path file, List<String> problems) {
    JsonNode v = n.get(k);
    if (v == null) {
      return dflt;
    }
    if (!v.isNumber()
        || !Double.isFinite(v.doubleValue())
        || v.doubleValue() < min
        || v.doubleValue() > 86_400) {
      problems.add(file + "#/leases/" + k + ": expected a number " + min + "..86400");
      return dflt;
    }
    return v.doubleValue();
  }

  /** {@code retentionHours}, {@code externalUrl} and {@code dashboards} (token names elsewhere). */
  static ServerConfig.Options options(JsonNode doc, Path file, List<String> problems) {
    ServerConfig.Options o = ServerConfig.Options.DEFAULT;
    JsonNode r = doc.get("retentionHours");
    if (r != null && !r.isNull()) {
      if (!r.isNumber() || !(r.doubleValue() >= 1.0 / 60) || r.doubleValue() > 24 * 3650) {
        problems.add(file + "#/retentionHours: expected a number of hours, 1/60..87600");
      } else {
        o = o.withRetention(Duration.ofMillis(Math.round(r.doubleValue() * 3_600_000)));
      }
    }
    JsonNode g = doc.get("groupWindowMinutes");
    if (g != null && !g.isNull()) {
      if (!g.isNumber() || !(g.doubleValue() > 0) || g.doubleValue() > 24 * 60) {
        problems.add(file + "#/groupWindowMinutes: expected a number of minutes, >0..1440");
      } else {
        o = o.withGroupWindow(Duration.ofMillis(Math.round(g.doubleValue() * 60_000)));
      }
    }
    JsonNode u = doc.get("externalUrl");
    if (u != null && !u.isNull()) {
      java.net.URI url = httpUrl(u, file + "#/externalUrl", problems);
      if (url != null) {
        o = o.withExternalUrl(url);
      }
    }
    JsonNode d = doc.get("dashboards");
    if (d != null && !d.isNull()) {
      if (!d.isArray()) {
        problems.add(file + "#/dashboards: expected an array of {name, url}");
      } else {
        List<ServerConfig.Dashboard> out = new java.util.ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
          String at = file + "#/dashboards/" + i;
          JsonNode one = d.get(i);
          if (!one.isObject()) {
            problems.add(at + ": expected an object {name, url}");
            continue;
          }
          String name = one.path("name").asText("");
          if (name.isBlank()) {
            problems.add(at + "/name: missing");
          }
          java.net.URI url = httpUrl(one.path("url"), at + "/url", problems);
          if (url != null && !name.isBlank()) {
            out.add(new ServerConfig.Dashboard(name, one.path("url").asText()));
          }
        }
        o = o.withDashboards(out);
      }
    }
    return o;
  }

  private static java.net.URI httpUrl(JsonNode n, String at, List<String> problems) {
    if (!n.isTextual()) {
      problems.add(at + ": expected an http(s) URL");
      return null;
    }
    try {
      java.net.URI u = java.net.URI.create(n.asText().replace("{service}", "service"));
      if (u.getScheme() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        problems.add(at + ": expected an http(s) URL");
        return null;
      }
      return java.net.URI.create(n.asText().replace("{service}", "service"));
    } catch (IllegalArgumentException e) {
      problems.add(at + ": not a URL: " + e.getMessage());
      return null;
    }
  }
}
