package dev.warroom.experts;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Random building blocks for the router's synthetic samples, from one seeded generator. */
final class Gen {
  private static final List<String> SERVICES =
      List.of(
          "checkout",
          "cart",
          "payment",
          "frontend",
          "catalog",
          "shipping",
          "auth",
          "orders",
          "inventory",
          "search",
          "recommendation",
          "email",
          "gateway",
          "billing",
          "users",
          "notification",
          "ledger",
          "pricing",
          "api",
          "worker");
  private static final List<String> WORDS =
      List.of(
          "order",
          "user",
          "session",
          "request",
          "cache",
          "connection",
          "pool",
          "retry",
          "timeout",
          "token",
          "customer",
          "invoice",
          "item",
          "queue",
          "message",
          "job",
          "batch",
          "shard",
          "replica",
          "lease",
          "config",
          "schema",
          "product",
          "stock",
          "price",
          "account",
          "event");
  private static final List<String> MESSAGES =
      List.of(
          "Started %s in %d.%d seconds",
          "connection refused to %s:%d",
          "timeout after %d ms waiting for %s",
          "processed %d %ss in %d ms",
          "cache miss for key %s:%d",
          "retrying request to %s (attempt %d of %d)",
          "user %d logged in from %s",
          "failed to acquire %s lease: %s",
          "scheduled %d jobs for %s",
          "slow query detected on %s took %d ms",
          "health check passed for %s",
          "received SIGTERM, shutting down %s",
          "payment authorised for %s %d.%d EUR",
          "could not parse %s payload at offset %d",
          "upstream %s returned 503, circuit breaker open",
          "pool exhausted: %d/%d connections in use for %s",
          "rebalancing %d partitions of topic %s",
          "Listening on port %d for %s",
          "deleted %d expired %ss",
          "OutOfMemoryError while handling %s, heap %d MB");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

  final RandomGenerator r;
  private final Map<String, DateTimeFormatter> formatters = new HashMap<>();

  Gen(RandomGenerator r) {
    this.r = r;
  }

  int between(int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  boolean chance(double p) {
    return r.nextDouble() < p;
  }

  @SafeVarargs
  final <T> T pick(T... xs) {
    return xs[r.nextInt(xs.length)];
  }

  <T> T pick(List<T> xs) {
    return xs.get(r.nextInt(xs.size()));
  }

  String service() {
    return pick(SERVICES);
  }

  String word() {
    return pick(WORDS);
  }

  String ident() {
    String w = word();
    return chance(0.5) ? w + capital(word()) : w;
  }

  String type() {
    return capital(word()) + pick("Service", "Repository", "Controller", "Handler", "Client", "");
  }

  static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  String hex(int chars) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < chars) {
      sb.append(HexFormat.of().toHexDigits(r.nextLong()));
    }
    return sb.substring(0, chars);
  }

  String ip() {
    return between(10, 192) + "." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
  }

  String host() {
    return pick("ip-" + ip().replace('.', '-'), service() + "-" + hex(5), "node" + between(1, 40));
  }

  String level() {
    return pick("INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR");
  }

  /** A realistic log message with its placeholders filled. */
  String message() {
    String m = pick(MESSAGES);
    Object[] args = new Object[4];
    int a = 0;
    for (int i = 0; i + 1 < m.length() && a < 4; i++) {
      if (m.charAt(i) == '%') {
        args[a++] = m.charAt(i + 1) == 'd' ? (Object) between(1, 5000) : pick(service(), word());
      }
    }
    return String.format(Locale.ROOT, m, args);
  }

  /** A time in 2023-2026, epoch seconds. */
  long epochSecond() {
    return 1_672_531_200L + r.nextLong(0, 100_000_000L);
  }

  String iso(long epochSecond) {
    return ISO.format(Instant.ofEpochSecond(epochSecond, between(0, 999) * 1_000_000L));
  }

  String format(long epochSecond, String pattern) {
    return LocalDateTime.ofEpochSecond(epochSecond, between(0, 999) * 1_000_000, ZoneOffset.UTC)
        .format(
            formatters.computeIfAbsent(pattern, p -> DateTimeFormatter.ofPattern(p, Locale.ROOT)));
  }
}
