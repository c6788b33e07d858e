package dev.warroom.connectors;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a sources file: where a backend is, how to authenticate, how hard warroom may use
 * it, and which of its labels name the service, the pod and the node. Read with {@link
 * SourcesFile#read}; every connector is built from one of these.
 *
 * @param name the user's name for the source (unique in the file; shown in reports)
 * @param type which connector reads it
 * @param url the base URL (for databases a JDBC URL, for Git a repository path or URL)
 * @param auth credentials, resolved only when a request is made and never printed
 * @param tls client TLS settings, or null for the JDK defaults
 * @param timeout the limit on one request (connect and read)
 * @param ratePerSecond the most requests per second warroom sends to this source
 * @param queryBudget the most requests one investigation may send to this source
 * @param retries how many times a failed read is tried again (reads only, with backoff)
 * @param labels label mapping: keys {@code service}, {@code pod}, {@code node}, {@code namespace},
 *     values the backend's label or field names
 * @param options connector-specific settings (an index pattern, field names, …), as read
 */
public record SourceConfig(
    String name,
    Type type,
    URI url,
    Auth auth,
    Tls tls,
    Duration timeout,
    double ratePerSecond,
    int queryBudget,
    int retries,
    Map<String, String> labels,
    Map<String, Object> options) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final double DEFAULT_RATE = 20;
  public static final int DEFAULT_BUDGET = 500;
  public static final int DEFAULT_RETRIES = 2;

  /** Label names assumed when the sources file does not map them. */
  public static final Map<String, String> DEFAULT_LABELS =
      Map.of("service", "service", "pod", "pod", "node", "node", "namespace", "namespace");

  public SourceConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
    auth = auth == null ? new Auth.None() : auth;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    labels = labels == null ? DEFAULT_LABELS : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** The backend's label (or field) name for {@code role} ("service", "pod", "node", …). */
  public String label(String role) {
    return labels.getOrDefault(role, DEFAULT_LABELS.getOrDefault(role, role));
  }

  /** A string option, or {@code fallback} when absent. */
  public String option(String key, String fallback) {
    Object v = options.get(key);
    return v == null ? fallback : String.valueOf(v);
  }

  /** The kinds of backend warroom can read. */
  public enum Type {
    PROMETHEUS,
    OPENSEARCH,
    ELASTICSEARCH,
    ZIPKIN,
    JAEGER,
    KUBERNETES,
    POSTGRES,
    MYSQL,
    GIT;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How requests to a source authenticate. */
  public sealed interface Auth {
    /** No credentials. */
    record None() implements Auth {}

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(Secret token) implements Auth {}

    /** {@code Authorization: Basic} with a user and a password. */
    record Basic(String user, Secret password) implements Auth {}
  }

  /**
   * Client TLS: a CA bundle to trust (PEM), and a client certificate and key (PEM, PKCS#8) for
   * mutual TLS. Any may be null.
   */
  public record Tls(Path ca, Path cert, Path key, boolean insecureSkipVerify) {}

  /**
   * A credential read from an environment variable or a file when it is needed, never held in the
   * configuration and never printed ({@link #toString} names where it comes from, not its value).
   */
  public record Secret(String env, Path file) {
    public Secret {
      if ((env == null) == (file == null)) {
        throw new IllegalArgumentException("a secret comes from exactly one of env or file");
      }
    }

    /**
     * The value.
     *
     * @throws dev.warroom.model.WarroomException.NonRetriable naming the variable or file (not the
     *     value) when it cannot be read
     */
    public String resolve() {
      if (env != null) {
        String v = System.getenv(env);
        if (v == null || v.isEmpty()) {
          throw new dev.warroom.model.WarroomException.NonRetriable(
              "environment variable " + env + " (a source credential) is not set", null);
        }
        return v;
      }
      try {
        return java.nio.file.Files.readString(file).strip();
      } catch (java.io.IOException e) {
        throw new dev.warroom.model.WarroomException.NonRetriable(
            "cannot read the credential file " + file + ": " + e.getClass().getSimpleName(), null);
      }
    }

    @Override
    public String toString() {
      return env != null ? "env:" + env : "file:" + file;
    }
  }
}
