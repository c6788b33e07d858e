package dev.warroom.experts.code;

import java.util.regex.Pattern;

/**
 * Recognises errors that a service raises because something it called failed — connection refused,
 * timeouts, DNS and TLS failures, 5xx/429 answers, gRPC UNAVAILABLE/DEADLINE_EXCEEDED — as opposed
 * to a fault in its own code. Their innermost application frame is where the call was made, so the
 * code expert ranks them below local failures. Pool exhaustion ("Connection is not available") is
 * local: the service's own connections are used up.
 */
final class DependencyFailure {
  private static final Pattern LOCAL =
      Pattern.compile("Connection is not available|pool", Pattern.CASE_INSENSITIVE);
  private static final Pattern REMOTE =
      Pattern.compile(
          "ConnectException|Connection refused|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up"
              + "|SocketTimeoutException|HttpTimeoutException|TimeoutError|ReadTimeout|ConnectTimeout"
              + "|UnknownHostException|Name or service not known|Temporary failure in name resolution"
              + "|no such host|SSLHandshakeException|certificate (?:has )?expired|x509:"
              + "|HttpServerErrorException|HttpClientErrorException\\$TooManyRequests|Too Many Requests"
              + "|\\b50[234]\\b|ServiceUnavailable|UNAVAILABLE|DEADLINE_EXCEEDED|context deadline exceeded"
              + "|requests\\.exceptions\\.|urllib3\\.exceptions\\.|HttpRequestException|upstream connect error"
              // gRPC status from a callee, and generic "calling X failed" wrappers
              + "|rpc error: code = \\w+|failed to call |[Rr]equest failed with status code [45]\\d\\d");

  private DependencyFailure() {}

  static boolean matches(StackTrace root) {
    String text = root.type() + ": " + root.message();
    return !LOCAL.matcher(text).find() && REMOTE.matcher(text).find();
  }
}
