package dev.warroom.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where incidents, reports, runbooks and feedback live: a JDBC URL and credentials. The default is
 * an embedded H2 file in the data folder; {@code jdbc:postgresql://…} selects PostgreSQL. Both get
 * the same Flyway migrations ({@code dev/warroom/server/db}). The password never reaches a log:
 * {@link #toString()} prints the URL without its query string and masks the password.
 *
 * @param url a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param user the user, or null (embedded)
 * @param password the password, or null
 */
public record DatabaseConfig(String url, String user, String password) {
  public DatabaseConfig {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException(
          "database/url: expected jdbc:postgresql:… (or jdbc:h2:…), got '" + redact(url) + "'");
    }
  }

  /**
   * The embedded default: an H2 file {@code incidents.mv.db} in {@code dataDir}, PostgreSQL mode so
   * the one migration reads the same. {@code WRITE_DELAY=0} writes each commit to the file at once,
   * so an incident acknowledged to a webhook survives a killed process.
   */
  public static DatabaseConfig embedded(Path dataDir) {
    return new DatabaseConfig(
        "jdbc:h2:file:"
            + dataDir.toAbsolutePath().resolve("incidents")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0",
        null,
        null);
  }

  boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  private static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  /** A driver message with the URL's query string and the password masked. */
  String scrub(String message) {
    if (message == null) {
      return "";
    }
    String out = message.replace(url, redact(url));
    int q = url.indexOf('?');
    if (q >= 0 && q + 1 < url.length()) {
      out = out.replace(url.substring(q + 1), "…");
    }
    if (password != null && !password.isEmpty()) {
      out = out.replace(password, "***");
    }
    return out;
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url="
        + redact(url)
        + ", user="
        + (user == null ? "none" : user)
        + ", password="
        + (password == null ? "none" : "***")
        + "]";
  }
}
