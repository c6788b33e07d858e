package dev.warroom.experts.logs;

import dev.warroom.model.FaultClass;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What kind of error a whole log record reports (a single line or a multi-line body with a stack
 * trace): {@link ErrorClassifier}'s 19 categories, completed by the data-layer kinds the classifier
 * does not name (lock waits, slow queries, cache, queue, thread pool, retries), by gateway errors
 * ({@code upstream}) and by a generic {@code error}. The order follows the specificity of the
 * phrases: the classifier's specific categories (exec format, OOM, disk, deadlock, TLS, DNS, rate
 * limit, pool) first, then the data-layer phrases, then the classifier's generic categories
 * (timeouts, connection errors, exceptions), so "lock wait timeout" is a lock and not a timeout,
 * and "redis timeout" is a cache failure. Stack frames are ignored: a frame's class or file name
 * ("TimeoutHandler", "dns.py") says nothing about the error, while the exception lines do.
 */
public final class LineCategories {
  private LineCategories() {}

  /** The classifier's categories that win over the data-layer phrases. */
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

  private record Rule(Pattern pattern, LineCategory category) {}

  private static Rule rule(String regex, String name, FaultClass fault) {
    return new Rule(
        Pattern.compile(regex, Pattern.CASE_INSENSITIVE),
        new LineCategory(name, fault, ErrorCategory.OTHER));
  }

  // Phrases of databases (PostgreSQL "canceling statement due to lock timeout", MySQL "Lock wait
  // timeout exceeded"), caches, queues and thread pools (Java RejectedExecutionException).
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
  private static final Pattern FRAME_GO = Pattern.compile("^/\\S+\\.go:\\d+.*$");

  /** The category of a log record's body, empty when it names no error at all. */
  public static Optional<LineCategory> of(String body) {
    String text = withoutFrames(body);
    ErrorCategory c = ErrorClassifier.classify(text);
    if (c == ErrorCategory.OTHER) {
      // Error codes written as identifiers ("error: rate_limited", "connection-refused").
      c = ErrorClassifier.classify(text.replace('_', ' ').replace('-', ' '));
    }
    if (SPECIFIC.contains(c)) {
      return Optional.of(of(c));
    }
    for (Rule r : DATA_LAYER) {
      if (r.pattern().matcher(text).find()) {
        return Optional.of(r.category());
      }
    }
    if (c != ErrorCategory.OTHER && c != ErrorCategory.UNHANDLED_EXCEPTION) {
      return Optional.of(of(c));
    }
    // A 5xx answer from a dependency, even when it surfaces as an unhandled exception, is the
    // caller reporting the callee's failure.
    String lower = text.toLowerCase(Locale.ROOT);
    if (UPSTREAM.matcher(lower).find()) {
      return Optional.of(new LineCategory("upstream", null, ErrorCategory.OTHER));
    }
    if (c == ErrorCategory.UNHANDLED_EXCEPTION) {
      return Optional.of(of(c));
    }
    return GENERIC.matcher(lower).find()
        ? Optional.of(new LineCategory("error", null, ErrorCategory.OTHER))
        : Optional.empty();
  }

  private static LineCategory of(ErrorCategory c) {
    return new LineCategory(c.name().toLowerCase(Locale.ROOT), c.faultClass(), c);
  }

  /**
   * The body without its stack frames (Java/.NET/Node "at …", Python "File …" and the source line
   * under it, Go "/path.go:NN"): what is left are the exception lines (first line, "Caused by",
   * Python's last line).
   */
  public static String withoutFrames(String body) {
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
}
