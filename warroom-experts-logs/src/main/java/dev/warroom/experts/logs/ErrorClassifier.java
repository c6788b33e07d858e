package dev.warroom.experts.logs;

import java.util.Locale;

/**
 * Classifies an error or warning line into an {@link ErrorCategory} by the phrases that runtimes,
 * libraries and operating systems print for each failure (errno texts such as "Connection refused"
 * and "No space left on device", JVM exception names, Winsock codes 10061/10060/11001, HTTP 429 …).
 * Rules are checked from the most specific to the most generic, so "NullPointerException" wins over
 * "Exception" and "connection timed out" is a timeout, not a connection problem.
 */
public final class ErrorClassifier {
  private ErrorClassifier() {}

  /** The category of one line; {@link ErrorCategory#OTHER} when no rule matches. */
  public static ErrorCategory classify(String line) {
    String s = line.toLowerCase(Locale.ROOT);
    if (has(s, "exec format error")) {
      return ErrorCategory.EXEC_FORMAT;
    }
    if (has(
        s,
        "outofmemoryerror",
        "out of memory",
        "oomkilled",
        "oom-kill",
        "cannot allocate memory",
        "memoryerror",
        "heap space",
        "allocation failed",
        "fatal error: runtime: out of memory")) {
      return ErrorCategory.OUT_OF_MEMORY;
    }
    if (has(
        s,
        "no space left",
        "disk full",
        "disk quota exceeded",
        "enospc",
        "not enough space",
        "filesystem is full")) {
      return ErrorCategory.DISK_FULL;
    }
    if (has(s, "deadlock")) {
      return ErrorCategory.DEADLOCK;
    }
    if (has(
        s,
        "x509",
        "certificate",
        "ssl handshake",
        "sslhandshakeexception",
        "tls handshake",
        "ssl_error",
        "handshake failure")) {
      return ErrorCategory.TLS;
    }
    if (has(
        s,
        "unknownhostexception",
        "no such host",
        "could not resolve",
        "name or service not known",
        "nxdomain",
        "temporary failure in name resolution",
        "unknown host",
        "getaddrinfo",
        "error 11001",
        "server misbehaving",
        "name resolver",
        "dns")) {
      return ErrorCategory.DNS;
    }
    if (has(
        s,
        "too many requests",
        "rate limit",
        "ratelimit",
        "throttl",
        // a bare " 429" would also match "429 bytes"; require a status context
        "status 429",
        "code 429",
        "http 429",
        "returned 429",
        "=429",
        "quota exceeded")) {
      return ErrorCategory.RATE_LIMITED;
    }
    if (has(
        s,
        "pool exhausted",
        "timeout waiting for connection from pool",
        "connection is not available",
        "too many connections",
        "remaining connection slots",
        "unable to acquire jdbc connection",
        "pool is exhausted")) {
      return ErrorCategory.POOL_EXHAUSTED;
    }
    if (has(
        s,
        "connection refused",
        "connectexception",
        "econnrefused",
        "error 10061",
        "actively refused")) {
      return ErrorCategory.CONNECTION_REFUSED;
    }
    if (has(
        s,
        "timed out",
        "timeout",
        "deadline exceeded",
        "sockettimeoutexception",
        "error 10060",
        "took too long")) {
      return ErrorCategory.TIMEOUT;
    }
    if (has(
        s,
        "connection reset",
        "broken pipe",
        "econnreset",
        "link has been severed",
        "connection abort",
        "closed the connection unexpectedly",
        "end of stream",
        "connection broken",
        "connection closed by peer",
        "eofexception")) {
      return ErrorCategory.CONNECTION_RESET;
    }
    if (has(
        s,
        "no route to host",
        "noroutetohostexception",
        "network is unreachable",
        "host is unreachable",
        "ehostunreach",
        "enetunreach")) {
      return ErrorCategory.NETWORK_UNREACHABLE;
    }
    if (has(
        s,
        "nullpointerexception",
        "null pointer",
        "nil pointer dereference",
        "cannot read propert",
        "of undefined",
        "nonetype' object",
        "nullreferenceexception",
        "object reference not set")) {
      return ErrorCategory.NULL_DEREFERENCE;
    }
    if (has(
        s,
        "permission denied",
        "access denied",
        "unauthorized",
        "forbidden",
        "authentication fail",
        "authentication failure",
        "auth fail",
        "invalid credentials",
        "accessdeniedexception",
        "status code 403",
        "status 401",
        "status 403",
        "code 401",
        "code 403",
        "http 401",
        "http 403",
        "returned 401",
        "returned 403",
        "not authorized",
        "eacces",
        "invalid user",
        "failed password")) {
      return ErrorCategory.AUTH;
    }
    if (has(
        s,
        "no such file",
        "filenotfoundexception",
        "enoent",
        "not found",
        "missing or invalid",
        "invalid or missing")) {
      return ErrorCategory.FILE_NOT_FOUND;
    }
    if (has(
        s,
        "parity error",
        "ddr error",
        "machine check",
        "ecc error",
        "hardware error",
        "edram error",
        "tlb error",
        "i/o error",
        "input/output error",
        "mce:")) {
      return ErrorCategory.HARDWARE;
    }
    if (has(
        s,
        "configuration",
        "config error",
        "misconfigur",
        "invalid value",
        "illegalargument",
        "missing required",
        "no such property",
        "invalid setting",
        "invalid configuration")) {
      return ErrorCategory.CONFIGURATION;
    }
    if (has(
        s,
        "exception",
        "traceback (most recent call last)",
        "panic:",
        "uncaught",
        "unhandled",
        "threw an",
        "fatal error")) {
      return ErrorCategory.UNHANDLED_EXCEPTION;
    }
    return ErrorCategory.OTHER;
  }

  private static boolean has(String s, String... needles) {
    for (String n : needles) {
      if (s.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
