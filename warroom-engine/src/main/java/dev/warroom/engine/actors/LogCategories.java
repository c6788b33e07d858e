package dev.warroom.engine.actors;

import dev.warroom.experts.logs.ErrorCategory;
import dev.warroom.experts.logs.ErrorClassifier;
import dev.warroom.model.FaultClass;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The error category of a log line: the log expert's {@link ErrorClassifier} (19 categories, each
 * mapped to a {@link FaultClass}), completed by the few data-layer categories the expert does not
 * name (lock waits, slow queries, cache, queue, thread pool, retries, gateway errors). The order
 * follows the specificity of the phrases: the expert's specific categories (exec format, OOM, disk,
 * deadlock, TLS, DNS, rate limit, pool) first, then the data-layer phrases, then the expert's
 * generic categories (timeouts, connection errors, exceptions), so "lock wait timeout" is a lock
 * and not a timeout, and "redis timeout" is a cache failure.
 */
final class LogCategories {
  private LogCategories() {}

  /** The expert's categories that win over the engine's data-layer phrases. */
  private static final Set<ErrorCategory> SPECIFIC =
      Set.of(
          ErrorCategory.EXEC_FORMAT,
          ErrorCategory.OUT_OF_MEMORY,
          ErrorCategory.DISK_FULL,
          ErrorCategory.DEADLOCK,
          ErrorCategory.TLS,
          ErrorCategory.DNS,
          ErrorCategory.RATE_LIMITED,
          ErrorCategory.POOL_EXHAUSTED);

  /**
   * Categories seen by the caller of a failing dependency: they say where it hurts (the callee, see
   * {@link #calleeFault}), not what is wrong with the service that logs them.
   */
  private static final Set<ErrorCategory> CALLER_SIDE =
      Set.of(
          ErrorCategory.CONNECTION_REFUSED,
          ErrorCategory.CONNECTION_RESET,
          ErrorCategory.NETWORK_UNREACHABLE,
          ErrorCategory.TIMEOUT);

  private record Rule(Pattern pattern, Signals.LogSignal signal) {}

  private static Rule rule(String regex, String category, FaultClass fault) {
    return new Rule(
        Pattern.compile(regex, Pattern.CASE_INSENSITIVE), new Signals.LogSignal(category, fault));
  }

  // Phrases of databases, caches, queues and thread pools that ErrorClassifier has no category
  // for.
  private static final List<Rule> DATA_LAYER =
      List.of(
          rule(
              "(lock wait timeout|could not obtain lock|lock timeout|waiting for \\w*lock)",
              "lock",
              FaultClass.LOCK_CONTENTION),
          rule(
              "(rejectedexecution|thread pool|threadpool|no available thread|queue full|"
                  + "executor.*(full|reject))",
              "threads",
              FaultClass.THREAD_POOL_EXHAUSTION),
          rule(
              "(slow query|full (table )?scan|seq scan|rows examined|query took)",
              "slow_query",
              FaultClass.SLOW_QUERY),
          rule(
              "(cache miss|redis|memcache|cache.*(unavailable|error|timeout))",
              "cache",
              FaultClass.CACHE_FAILURE),
          rule(
              "(consumer lag|backlog|queue.*(depth|full|behind))",
              "queue",
              FaultClass.QUEUE_BACKLOG),
          rule(
              "(retrying|retry attempt|retries exhausted|attempt \\d+)",
              "retry",
              FaultClass.RETRY_STORM));

  private static final Pattern UPSTREAM =
      Pattern.compile(
          "(\\b50[0234] server error|internal server error|\\b502\\b|bad gateway|upstream connect|\\b503\\b|"
              + "service unavailable)");
  private static final Pattern GENERIC = Pattern.compile("(exception|error|failed)");

  /**
   * The category of the text, empty when it names no error at all. Category names are the expert's
   * in lower case ({@code connection_refused}, {@code timeout}, {@code dns}…), the data-layer names
   * above, {@code upstream} (gateway errors), or {@code error} (an error of no known kind).
   */
  static Optional<Signals.LogSignal> of(String body) {
    String text = withoutFrames(body);
    ErrorCategory c = ErrorClassifier.classify(text);
    if (c == ErrorCategory.OTHER) {
      // Error codes written as identifiers ("error: rate_limited", "connection-refused").
      c = ErrorClassifier.classify(text.replace('_', ' ').replace('-', ' '));
    }
    if (SPECIFIC.contains(c)) {
      return Optional.of(signal(c));
    }
    for (Rule r : DATA_LAYER) {
      if (r.pattern().matcher(text).find()) {
        return Optional.of(r.signal());
      }
    }
    if (c != ErrorCategory.OTHER && c != ErrorCategory.UNHANDLED_EXCEPTION) {
      return Optional.of(signal(c));
    }
    // A 5xx answer from a dependency, even when it surfaces as an unhandled exception, is the
    // caller reporting the callee's failure.
    String lower = text.toLowerCase(Locale.ROOT);
    if (UPSTREAM.matcher(lower).find()) {
      return Optional.of(new Signals.LogSignal("upstream", null));
    }
    if (c == ErrorCategory.UNHANDLED_EXCEPTION) {
      return Optional.of(signal(c));
    }
    return GENERIC.matcher(lower).find()
        ? Optional.of(new Signals.LogSignal("error", null))
        : Optional.empty();
  }

  /**
   * The message without its stack frames (Java/.NET/Node "at …", Python "File …" and the source
   * line under it, Go "/path.go:NN"): a frame's class or file name ("TimeoutHandler", "dns.py")
   * says nothing about the error, while the exception lines (first line, "Caused by", Python's last
   * line) do.
   */
  static String withoutFrames(String body) {
    if (body.indexOf('\n') < 0) {
      return body;
    }
    StringBuilder sb = new StringBuilder(body.length());
    boolean afterPythonFrame = false;
    for (String line : body.split("\n")) {
      String t = line.strip();
      boolean frame =
          t.startsWith("at ")
              || t.startsWith("File \"")
              || t.startsWith("...")
              || FRAME_GO.matcher(t).matches()
              || afterPythonFrame && line.startsWith("    ");
      afterPythonFrame = t.startsWith("File \"");
      if (!frame) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  private static final Pattern FRAME_GO = Pattern.compile("^/\\S+\\.go:\\d+.*$");

  private static Signals.LogSignal signal(ErrorCategory c) {
    FaultClass fault = CALLER_SIDE.contains(c) ? null : c.faultClass();
    return new Signals.LogSignal(c.name().toLowerCase(Locale.ROOT), fault);
  }

  /** Whether a caller's error of this category is evidence against the service it names. */
  static boolean blamesCallee(Signals.LogSignal sig) {
    return calleeFault(sig) != null || sig.category().equals("upstream");
  }

  /**
   * The fault a caller's error of this category points to in the service it names, null when the
   * category does not blame a callee.
   */
  static FaultClass calleeFault(Signals.LogSignal sig) {
    return switch (sig.category()) {
      case "connection_refused", "connection_reset", "network_unreachable" ->
          FaultClass.NETWORK_PARTITION;
      case "timeout" -> FaultClass.NETWORK_LATENCY;
      case "dns",
          "tls",
          "rate_limited",
          "pool_exhausted",
          "cache",
          "lock",
          "deadlock",
          "slow_query" ->
          sig.fault();
      default -> null;
    };
  }
}
