package dev.warroom.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warroom.model.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sources file (YAML): the live backends an investigation may query. Strict: an unknown
 * key, a wrong type or a bad value is an error naming the file and the key's path ({@code
 * sources[1].auth.bearer.env}); every problem in the file is reported at once.
 *
 * <pre>{@code
 * sources:
 *   - name: prom
 *     type: prometheus
 *     url: https://prometheus.monitoring:9090
 *     auth: {bearer: {env: PROM_TOKEN}}
 *     tls: {ca: /etc/warroom/ca.pem}
 *     timeout: 10s
 *     rate: 20          # requests per second
 *     budget: 300       # requests per investigation
 *     retries: 2
 *     labels: {service: job, pod: pod, node: instance}
 *   - name: logs
 *     type: opensearch
 *     url: https://opensearch:9200
 *     auth: {basic: {user: warroom-ro, password: {file: /run/secrets/os}}}
 *     options: {index: "logs-*"}
 * }</pre>
 */
public final class SourcesFile {
  private static final Set<String> SOURCE_KEYS =
      Set.of(
          "name", "type", "url", "auth", "tls", "timeout", "rate", "budget", "retries", "labels",
          "options");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

  private SourcesFile() {}

  /**
   * Reads and checks the file.
   *
   * @throws InvalidInputException listing every problem, each naming the file and the key path
   */
  public static List<SourceConfig> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the sources file (" + e + ")");
    }
    return parse(file.toString(), text);
  }

  /** Parses sources-file text; {@code origin} names it in errors. */
  public static List<SourceConfig> parse(String origin, String text) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new InvalidInputException(origin + ": not valid YAML: " + msg);
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(origin + ": expected a mapping with a 'sources' list");
    }
    keys(origin, "", root, Set.of("sources"), problems);
    JsonNode list = root.get("sources");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidInputException(origin + ": sources: expected a non-empty list");
    }
    List<SourceConfig> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "sources[" + i + "]";
      SourceConfig c = source(origin, at, list.get(i), problems);
      if (c != null && !names.add(c.name())) {
        problems.add(origin + ": " + at + ".name: '" + c.name() + "' is used twice");
      }
      if (c != null) {
        out.add(c);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return List.copyOf(out);
  }

  private static SourceConfig source(String origin, String at, JsonNode n, List<String> problems) {
    if (!n.isObject()) {
      problems.add(origin + ": " + at + ": expected a mapping");
      return null;
    }
    int before = problems.size();
    keys(origin, at, n, SOURCE_KEYS, problems);
    String name = text(origin, at + ".name", n.get("name"), true, problems);
    String typeText = text(origin, at + ".type", n.get("type"), true, problems);
    SourceConfig.Type type = null;
    if (typeText != null) {
      try {
        type = SourceConfig.Type.valueOf(typeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        Set<String> known = new TreeSet<>();
        for (SourceConfig.Type t : SourceConfig.Type.values()) {
          known.add(t.id());
        }
        problems.add(
            origin + ": " + at + ".type: unknown type '" + typeText + "' (known: " + known + ")");
      }
    }
    String urlText = text(origin, at + ".url", n.get("url"), true, problems);
    URI url = null;
    if (urlText != null) {
      try {
        url = new URI(urlText);
        if (type != null
            && type != SourceConfig.Type.GIT
            && type != SourceConfig.Type.POSTGRES
            && type != SourceConfig.Type.MYSQL
            && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
          problems.add(origin + ": " + at + ".url: expected an http(s) URL");
        }
        if (url.getUserInfo() != null) {
          problems.add(
              origin
                  + ": "
                  + at
                  + ".url: credentials in the URL are refused (use auth with env or file)");
        }
      } catch (java.net.URISyntaxException e) {
        problems.add(origin + ": " + at + ".url: not a URL (" + e.getReason() + ")");
      }
    }
    SourceConfig.Auth auth = auth(origin, at + ".auth", n.get("auth"), problems);
    SourceConfig.Tls tls = tls(origin, at + ".tls", n.get("tls"), problems);
    Duration timeout = duration(origin, at + ".timeout", n.get("timeout"), problems);
    double rate = number(origin, at + ".rate", n.get("rate"), SourceConfig.DEFAULT_RATE, problems);
    int budget =
        (int)
            number(origin, at + ".budget", n.get("budget"), SourceConfig.DEFAULT_BUDGET, problems);
    int retries =
        (int)
            number(
                origin, at + ".retries", n.get("retries"), SourceConfig.DEFAULT_RETRIES, problems);
    if (retries > 10) {
      problems.add(origin + ": " + at + ".retries: at most 10");
    }
    Map<String, String> labels = new LinkedHashMap<>(SourceConfig.DEFAULT_LABELS);
    JsonNode ln = n.get("labels");
    if (ln != null) {
      if (!ln.isObject()) {
        problems.add(origin + ": " + at + ".labels: expected a mapping");
      } else {
        keys(origin, at + ".labels", ln, SourceConfig.DEFAULT_LABELS.keySet(), problems);
        ln.fields()
            .forEachRemaining(
                e -> {
                  if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                    labels.put(e.getKey(), e.getValue().asText());
                  } else {
                    problems.add(
                        origin + ": " + at + ".labels." + e.getKey() + ": expected a label name");
                  }
                });
      }
    }
    Map<String, Object> options = Map.of();
    JsonNode on = n.get("options");
    if (on != null) {
      if (!on.isObject()) {
        problems.add(origin + ": " + at + ".options: expected a mapping");
      } else {
        options = new ObjectMapper().convertValue(on, Map.class);
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new SourceConfig(
        name, type, url, auth, tls, timeout, rate, budget, retries, labels, options);
  }

  private static SourceConfig.Auth auth(
      String origin, String at, JsonNode n, List<String> problems) {
    if (n == null) {
      return new SourceConfig.Auth.None();
    }
    if (!n.isObject() || n.size() != 1) {
      problems.add(origin + ": " + at + ": expected one of {bearer: …} or {basic: …}");
      return null;
    }
    keys(origin, at, n, Set.of("bearer", "basic"), problems);
    if (n.has("bearer")) {
      SourceConfig.Secret s = secret(origin, at + ".bearer", n.get("bearer"), problems);
      return s == null ? null : new SourceConfig.Auth.Bearer(s);
    }
    JsonNode b = n.get("basic");
    if (b == null || !b.isObject()) {
      problems.add(origin + ": " + at + ".basic: expected {user: …, password: {env|file: …}}");
      return null;
    }
    keys(origin, at + ".basic", b, Set.of("user", "password"), problems);
    String user = text(origin, at + ".basic.user", b.get("user"), true, problems);
    SourceConfig.Secret p = secret(origin, at + ".basic.password", b.get("password"), problems);
    return user == null || p == null ? null : new SourceConfig.Auth.Basic(user, p);
  }

  private static SourceConfig.Secret secret(
      String origin, String at, JsonNode n, List<String> problems) {
    if (n != null && n.isTextual()) {
      problems.add(
          origin
              + ": "
              + at
              + ": a secret is never written in the sources file; use {env: VAR} or {file: PATH}");
      return null;
    }
    if (n == null || !n.isObject() || n.size() != 1 || !(n.has("env") || n.has("file"))) {
      problems.add(origin + ": " + at + ": expected {env: VAR} or {file: PATH}");
      return null;
    }
    keys(origin, at, n, Set.of("env", "file"), problems);
    String env = n.has("env") ? text(origin, at + ".env", n.get("env"), true, problems) : null;
    String file = n.has("file") ? text(origin, at + ".file", n.get("file"), true, problems) : null;
    if (env == null && file == null) {
      return null;
    }
    return new SourceConfig.Secret(env, file == null ? null : Path.of(file));
  }

  private static SourceConfig.Tls tls(String origin, String at, JsonNode n, List<String> problems) {
    if (n == null) {
      return null;
    }
    if (!n.isObject()) {
      problems.add(origin + ": " + at + ": expected a mapping");
      return null;
    }
    keys(origin, at, n, Set.of("ca", "cert", "key", "insecureSkipVerify"), problems);
    Path ca = path(origin, at + ".ca", n.get("ca"), problems);
    Path cert = path(origin, at + ".cert", n.get("cert"), problems);
    Path key = path(origin, at + ".key", n.get("key"), problems);
    if ((cert == null) != (key == null)) {
      problems.add(origin + ": " + at + ": cert and key go together");
    }
    JsonNode insecure = n.get("insecureSkipVerify");
    if (insecure != null && !insecure.isBoolean()) {
      problems.add(origin + ": " + at + ".insecureSkipVerify: expected true or false");
    }
    return new SourceConfig.Tls(ca, cert, key, insecure != null && insecure.asBoolean());
  }

  private static Path path(String origin, String at, JsonNode n, List<String> problems) {
    String t = text(origin, at, n, false, problems);
    if (t == null) {
      return null;
    }
    Path p = Path.of(t);
    if (!Files.isReadable(p)) {
      problems.add(origin + ": " + at + ": cannot read " + p);
    }
    return p;
  }

  private static Duration duration(String origin, String at, JsonNode n, List<String> problems) {
    if (n == null) {
      return SourceConfig.DEFAULT_TIMEOUT;
    }
    Matcher m = DURATION.matcher(n.asText().strip());
    if (!n.isTextual() || !m.matches()) {
      problems.add(origin + ": " + at + ": expected a duration such as 500ms, 10s or 2m");
      return null;
    }
    double v = Double.parseDouble(m.group(1));
    long ms =
        switch (m.group(2)) {
          case "ms" -> (long) v;
          case "s" -> (long) (v * 1000);
          default -> (long) (v * 60_000);
        };
    if (ms <= 0 || ms > 600_000) {
      problems.add(origin + ": " + at + ": expected more than 0 and at most 10m");
      return null;
    }
    return Duration.ofMillis(ms);
  }

  private static double number(
      String origin, String at, JsonNode n, double fallback, List<String> problems) {
    if (n == null) {
      return fallback;
    }
    if (!n.isNumber() || n.asDouble() <= 0 && !at.endsWith(".retries") || n.asDouble() < 0) {
      problems.add(origin + ": " + at + ": expected a positive number");
      return fallback;
    }
    return n.asDouble();
  }

  private static String text(
      String origin, String at, JsonNode n, boolean required, List<String> problems) {
    if (n == null || n.isNull()) {
      if (required) {
        problems.add(origin + ": " + at + ": missing");
      }
      return null;
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      problems.add(origin + ": " + at + ": expected a non-empty string");
      return null;
    }
    return n.asText();
  }

  private static void keys(
      String origin, String at, JsonNode n, Set<String> known, List<String> problems) {
    if (!(n instanceof ObjectNode)) {
      return;
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        problems.add(
            origin
                + ": "
                + (at.isEmpty() ? "" : at + ".")
                + k
                + ": unknown key (expected one of "
                + new TreeSet<>(known)
                + ")");
      }
    }
  }
}
