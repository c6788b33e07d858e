package dev.warroom.server;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * Checks every matched route: {@code Authorization: Bearer TOKEN} with a role from the config, or
 * on webhooks the shared secret in {@code X-Warroom-Secret}. Only {@code /health} is open. Tokens
 * are compared in constant time and never echoed in errors or logs.
 */
final class Auth {
  /** Route markers besides the {@link Role}s. */
  enum Access implements RouteRole {
    /** No credentials needed. */
    OPEN,
    /** A responder token or the webhook secret. */
    WEBHOOK
  }

  static final Access OPEN = Access.OPEN;
  static final Access WEBHOOK = Access.WEBHOOK;

  /** The request attribute naming who made the request (see {@link #user}). */
  static final String USER = "warroom.user";

  /** The request attribute holding the caller's {@link Role} (absent for the webhook secret). */
  static final String ROLE = "warroom.role";

  private final Map<String, Role> tokens;
  private final Map<String, String> names;
  private final byte[] secret;
  private final Sessions sessions;

  Auth(ServerConfig config, Sessions sessions) {
    this.sessions = sessions;
    this.tokens = config.tokens();
    this.names = config.options().tokenNames();
    this.secret =
        config.webhookSecret() == null
            ? null
            : config.webhookSecret().getBytes(StandardCharsets.UTF_8);
  }

  void check(Context ctx, Set<RouteRole> roles) {
    if (roles.contains(Access.OPEN)) {
      return;
    }
    if (roles.contains(Access.WEBHOOK) && secret != null) {
      String given = ctx.header("X-Warroom-Secret");
      if (given != null && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
        ctx.attribute(USER, "webhook secret");
        return;
      }
    }
    Role required =
        roles.contains(Access.WEBHOOK)
            ? Role.RESPONDER
            : roles.stream()
                .filter(Role.class::isInstance)
                .map(Role.class::cast)
                .findFirst()
                .orElse(Role.ADMIN); // a route that declares nothing is admin-only
    Role held;
    if (ctx.header("Authorization") != null) {
      held = roleOf(ctx.header("Authorization"));
      if (held != null) {
        ctx.attribute(USER, nameOf(ctx.header("Authorization").substring(7).trim(), held));
      }
    } else {
      Sessions.Session s = sessions.get(ctx.cookie(Sessions.COOKIE));
      held = s == null ? null : s.role();
      if (s != null) {
        ctx.attribute(USER, s.user());
      }
      if (s != null && !isSafe(ctx.method().name()) && !csrfMatches(ctx, s.csrf())) {
        throw new Denied(
            403, "missing or wrong CSRF token (" + Sessions.CSRF_HEADER + " or form field csrf)");
      }
    }
    if (held == null && ctx.path().startsWith("/ui")) {
      ctx.redirect("/ui/login");
      throw new io.javalin.http.RedirectResponse();
    }
    if (held == null) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"warroom\"");
      throw new Denied(401, "missing or unknown API token (Authorization: Bearer TOKEN)");
    }
    ctx.attribute(ROLE, held);
    if (!held.allows(required)) {
      throw new Denied(
          403,
          "role "
              + held.name().toLowerCase()
              + " may not do this; needs "
              + required.name().toLowerCase());
    }
  }

  private static boolean isSafe(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  /** Whether the request echoes {@code expected} in the CSRF header or form field. */
  static boolean csrfMatches(Context ctx, String expected) {
    String given = ctx.header(Sessions.CSRF_HEADER);
    if (given == null
        && String.valueOf(ctx.contentType()).startsWith("application/x-www-form-urlencoded")) {
      given = ctx.formParam("csrf");
    }
    return given != null
        && expected != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** Who made the request, as {@link #check} found it; null on open routes. */
  static String user(Context ctx) {
    return ctx.attribute(USER);
  }

  /**
   * A token's holder as recorded with feedback: its configured {@code name}, else its role and the
   * first 8 hex digits of its SHA-256 (which tells tokens apart without revealing them).
   */
  String nameOf(String token, Role role) {
    String name = names.get(token);
    if (name != null) {
      return name;
    }
    return role.name().toLowerCase(java.util.Locale.ROOT)
        + " token "
        + AlertIntake.sha256(token).substring(0, 8);
  }

  /** The role of a raw token, or null when unknown. */
  Role roleOfToken(String token) {
    return token == null ? null : roleOf("Bearer " + token);
  }

  private Role roleOf(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    Role found = null;
    // Every token is compared, so timing does not tell which prefix matched.
    for (Map.Entry<String, Role> e : tokens.entrySet()) {
      if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8), given)) {
        found = e.getValue();
      }
    }
    return found;
  }

  /** Authentication (401) or authorisation (403) failure. */
  static final class Denied extends RuntimeException {
    final int status;

    Denied(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
