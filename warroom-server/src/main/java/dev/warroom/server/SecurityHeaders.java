package dev.warroom.server;

import io.javalin.Javalin;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Headers on every response: a Content-Security-Policy under which only scripts this server wrote
 * run (each HTML response gets a fresh nonce, set on its own {@code <script>} elements; text from
 * alerts and reports is HTML-escaped, so it can never carry a live {@code <script>}), no framing
 * (clickjacking), no MIME sniffing, no referrer leaks.
 */
final class SecurityHeaders {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecurityHeaders() {}

  static String csp(String nonce) {
    return "default-src 'self'; script-src 'nonce-"
        + nonce
        + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none';"
        + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  static void install(Javalin app) {
    app.before(
        ctx -> {
          byte[] n = new byte[18];
          RANDOM.nextBytes(n);
          String nonce = Base64.getEncoder().encodeToString(n);
          ctx.attribute("csp-nonce", nonce);
          ctx.header("Content-Security-Policy", csp(nonce));
          ctx.header("X-Frame-Options", "DENY");
          ctx.header("X-Content-Type-Options", "nosniff");
          ctx.header("Referrer-Policy", "no-referrer");
        });
    app.after(
        ctx -> {
          String type = ctx.res().getContentType();
          String nonce = ctx.attribute("csp-nonce");
          if (type != null && type.startsWith("text/html") && nonce != null) {
            String html = ctx.result();
            if (html != null && html.contains("<script")) {
              ctx.result(html.replace("<script", "<script nonce=\"" + nonce + "\""));
            }
          }
        });
  }
}
