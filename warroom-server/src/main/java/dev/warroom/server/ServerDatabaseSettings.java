package dev.warroom.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the {@code database} part of the server config and the {@code WARROOM_DB_*} environment
 * variables. Credentials come from the environment or a file, never from the config text, so that
 * the config can be committed and shown. Problems are reported by file and JSON pointer; a secret's
 * value never appears in one.
 */
final class ServerDatabaseSettings {
  static final String URL_ENV = "WARROOM_DB_URL";
  static final String USER_ENV = "WARROOM_DB_USER";
  static final String PASSWORD_ENV = "WARROOM_DB_PASSWORD";

  private ServerDatabaseSettings() {}

  /** The configured database, or null for the embedded default. */
  static DatabaseConfig read(
      JsonNode doc, Path file, Function<String, String> env, List<String> problems) {
    JsonNode db = doc.path("database");
    String at = file + "#/database";
    if (!db.isMissingNode() && !db.isNull() && !db.isObject()) {
      problems.add(at + ": expected an object");
      return null;
    }
    if (db.has("password")) {
      problems.add(
          at
              + "/password: not allowed in the config file; use passwordFile, passwordEnv or "
              + PASSWORD_ENV);
      return null;
    }
    String url = firstNonBlank(env.apply(URL_ENV), db.path("url").asText(null));
    if (url == null) {
      if (db.isObject() && !db.isEmpty()) {
        problems.add(at + "/url: missing (or set " + URL_ENV + ")");
      }
      return null;
    }
    String user = firstNonBlank(env.apply(USER_ENV), db.path("user").asText(null));
    String password = env.apply(PASSWORD_ENV);
    if (password == null && db.hasNonNull("passwordEnv")) {
      String name = db.get("passwordEnv").asText();
      password = env.apply(name);
      if (password == null) {
        problems.add(at + "/passwordEnv: environment variable " + name + " is not set");
      }
    }
    if (password == null && db.hasNonNull("passwordFile")) {
      Path p = file.toAbsolutePath().getParent().resolve(db.get("passwordFile").asText());
      try {
        password = Files.readString(p, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        problems.add(at + "/passwordFile: cannot read " + p + ": " + e.getClass().getSimpleName());
      }
    }
    try {
      return new DatabaseConfig(url, user, password);
    } catch (IllegalArgumentException e) {
      problems.add(file + "#/" + e.getMessage());
      return null;
    }
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b == null || b.isBlank() ? null : b;
  }
}
