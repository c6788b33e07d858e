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

  private final Map<String, Role> tokens;
  private final byte[] secret;

  Auth(ServerConfig config) {
    this.tokens = config.tokens();
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
    String cookie = ctx.cookie(COOKIE);
    Role held =
        roleOf(
            ctx.header("Authorization") == null && cookie != null
                ? "Bearer " + cookie
                : ctx.header("Authorization"));
    if (held == null && ctx.path().startsWith("/ui")) {
      ctx.redirect("/ui/login");
      throw new io.javalin.http.RedirectResponse();
    }
    if (held == null) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"warroom\"");
      throw new Denied(401, "missing or unknown API token (Authorization: Bearer TOKEN)");
    }
    if (!held.allows(required)) {
      throw new Denied(
          403,
          "role "
              + held.name().toLowerCase()
              + " may not do this; needs "
              + required.name().toLowerCase());
    }
  }

  /** The UI's session cookie: the API token itself, HttpOnly and SameSite=Strict. */
  static final String COOKIE = "warroom_token";

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
