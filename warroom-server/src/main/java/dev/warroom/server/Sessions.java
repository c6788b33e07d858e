package dev.warroom.server;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * UI sessions: signing in with an API token gives a random session id (256 bits) in an HttpOnly,
 * Secure, SameSite=Strict cookie, never the token itself, and a CSRF token that every
 * state-changing request made with the cookie must echo (form field {@code csrf} or header {@code
 * X-CSRF-Token}; the "double-submit" pattern of the OWASP CSRF cheat sheet). Sessions live in
 * memory for {@link #TTL}, end on logout, and a restart signs everyone out.
 */
final class Sessions {
  static final String COOKIE = "warroom_session";
  static final String CSRF_COOKIE = "warroom_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final Duration TTL = Duration.ofHours(12);

  /**
   * A signed-in user: the role of the token used, the CSRF token, the end of the session, and who
   * signed in (the token's name, see {@link Auth#nameOf}).
   */
  record Session(Role role, String csrf, Instant expires, String user) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> live = new ConcurrentHashMap<>();
  private final InstantSource clock;

  Sessions(InstantSource clock) {
    this.clock = clock;
  }

  String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Starts a session; returns its id. */
  String open(Role role, String user) {
    Instant now = clock.instant();
    live.values().removeIf(s -> s.expires().isBefore(now));
    String id = randomToken();
    live.put(id, new Session(role, randomToken(), now.plus(TTL), user));
    return id;
  }

  /** The live session of an id, or null. */
  Session get(String id) {
    if (id == null) {
      return null;
    }
    Session s = live.get(id);
    if (s == null || s.expires().isBefore(clock.instant())) {
      live.remove(id);
      return null;
    }
    return s;
  }

  void close(String id) {
    if (id != null) {
      live.remove(id);
    }
  }

  static String cookie(String name, String value, boolean httpOnly, long maxAgeSeconds) {
    return name
        + "="
        + value
        + "; Path=/; Max-Age="
        + maxAgeSeconds
        + "; Secure; SameSite=Strict"
        + (httpOnly ? "; HttpOnly" : "");
  }
}
