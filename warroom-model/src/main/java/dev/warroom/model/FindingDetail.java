package dev.warroom.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The typed facts of a {@link Finding}, one record per kind of finding: what a model, a scorer or a
 * program reads, where the finding's {@code summary} is the same facts phrased for a person. The
 * fusion's features come from these fields only, so rewording a summary changes no decision.
 *
 * <p>Components are strings, numbers, booleans, {@link Direction}, lists of strings and maps of
 * string to integer, so that every kind has one obvious JSON form ({@link #kind()} plus the
 * components by name); a nullable component is named so in its record's Javadoc. Counts are numbers
 * of records, calls or lines; durations are milliseconds unless the name says seconds.
 */
public sealed interface FindingDetail {

  /**
   * The kind's name in reports and dumps: the record's name in lower snake case ("metric_shift",
   * "edge_failure").
   */
  default String kind() {
    return kindOf(getClass());
  }

  /** The kind name of a detail record class. */
  static String kindOf(Class<? extends FindingDetail> type) {
    return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** The detail of a finding that carries no typed facts beyond its expert, class and score. */
  static FindingDetail none() {
    return None.INSTANCE;
  }

  /** Which way a signal moved. */
  enum Direction {
    UP,
    DOWN
  }

  /** No typed facts: a symptom described only by its expert, component, class and score. */
  record None() implements FindingDetail {
    static final None INSTANCE = new None();
  }

  /**
   * A metric series moved away from its baseline.
   *
   * @param series the series, as a selector ({@code name{label="value"}})
   * @param signal the meaning the engine gave the series ("cpu", "memory", "http_errors"…), or null
   *     when it has none
   * @param group the signal's family ("resource", "database"…), or null
   * @param deviations the size of the shift in robust deviations (MAD-scaled), always >= 0
   * @param baseline the baseline's level (median) in the series' unit, or NaN for a detector that
   *     measures only the change (the metrics expert's seasonal residual)
   * @param incident the incident's level (median) in the series' unit; where {@code baseline} is
   *     NaN, the median residual against the seasonal baseline
   */
  record MetricShift(
      String series,
      String signal,
      String group,
      Direction direction,
      double deviations,
      double baseline,
      double incident)
      implements FindingDetail {
    public MetricShift {
      Checks.nonBlank(series, "series");
      Objects.requireNonNull(direction, "direction");
    }
  }

  /**
   * An operation's own time per call grew, adding latency to the traces that run it.
   *
   * @param service the service of the operation
   * @param operation the operation (span name)
   * @param peer the service the time is blamed on when it is not the operation's own (the callee of
   *     a client span), else null
   * @param addedMsPerTrace milliseconds the shift adds per trace
   * @param beforeMsPerCall mean self time per call in the baseline
   * @param afterMsPerCall mean self time per call in the incident
   * @param share the shift's share of all latency added, in [0,1]
   */
  record LatencyShift(
      String service,
      String operation,
      String peer,
      double addedMsPerTrace,
      double beforeMsPerCall,
      double afterMsPerCall,
      double share)
      implements FindingDetail {
    public LatencyShift {
      Checks.nonBlank(service, "service");
    }
  }

  /**
   * A service's p95 latency grew by more than its callees explain (estimated from per-operation
   * aggregates, where the raw spans are too many to fetch).
   *
   * @param addedMs milliseconds of the p95 growth added by the service itself
   * @param slowestCallee the callee whose latency grew most, or null
   * @param calleeShiftMs that callee's p95 growth, milliseconds (0 without one)
   */
  record ServiceLatencyShift(
      double baselineP95Ms,
      double incidentP95Ms,
      double addedMs,
      String slowestCallee,
      double calleeShiftMs)
      implements FindingDetail {}

  /**
   * Calls on edges touching the finding's service lose time outside the callee's own spans
   * (network, queueing, a stalled caller): the service is the common end of the slow edges.
   *
   * @param caller the caller of the slowest delayed edge
   * @param callee the callee of the slowest delayed edge
   * @param incidentMs median time per call outside the callee's span on that edge, incident
   * @param referenceMs the same on the edge's baseline, or on the typical edge of the incident
   * @param ownBaseline whether {@code referenceMs} is the edge's own baseline
   * @param delayedEdges the service's edges (in and out) that are delayed
   * @param edges the service's edges seen in the incident
   * @param inbound whether calls to the service are among the delayed ones
   */
  record EdgeDelay(
      String caller,
      String callee,
      double incidentMs,
      double referenceMs,
      boolean ownBaseline,
      int delayedEdges,
      int edges,
      boolean inbound)
      implements FindingDetail {
    public EdgeDelay {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(callee, "callee");
    }
  }

  /**
   * What an operation of the service calls per request changed: a child call that used to follow
   * its requests is gone or much rarer, or a new one appears — code that now throws half-way,
   * returns early or takes another branch. Counts are of the largest shift of the service.
   *
   * @param operation the service's operation whose calls changed
   * @param childService the service of the child spans (the same service for an internal step)
   * @param childOperation the child operation
   * @param baselineRate child calls per parent call in the baseline
   * @param incidentRate the same in the incident
   * @param parents parent calls in the incident
   * @param shifts the service's shifted (parent, child) pairs in all
   */
  record CallPatternShift(
      String operation,
      String childService,
      String childOperation,
      double baselineRate,
      double incidentRate,
      long parents,
      int shifts)
      implements FindingDetail {
    public CallPatternShift {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(childService, "childService");
      Objects.requireNonNull(childOperation, "childOperation");
    }
  }

  /**
   * Failing spans whose error no failing child explains: the errors start here.
   *
   * @param operation the operation the failures start in, or null when counted per service
   * @param failed failing spans (or traces) that originate here in the incident
   * @param expected how many the baseline's rate predicts for the incident window
   * @param share this origin's share of all the incident's originating failures, in [0,1]
   * @param exceptions exception types the failing spans name, most frequent first
   */
  record ErrorOrigin(
      String operation, int failed, double expected, double share, List<String> exceptions)
      implements FindingDetail {
    public ErrorOrigin {
      exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }
  }

  /**
   * Calls on one caller → callee edge failed that the callee did not fail itself (no failing server
   * span): the path or the callee's front door is at fault.
   *
   * @param failedCalls failed calls on the edge in the incident
   * @param expected how many the baseline's rate predicts
   * @param category how most calls failed: the logs expert's category of their error type
   *     ("timeout", "connection_refused", "dns", "tls", "http_5xx", "error"…)
   * @param errorTypes failed calls per error type (error.type or status code)
   * @param failingCallees how many of the caller's callees fail this way (this one included)
   * @param callees how many callees the caller has in the topology (0 when the topology does not
   *     know the caller)
   */
  record EdgeFailure(
      String caller,
      String callee,
      int failedCalls,
      double expected,
      String category,
      Map<String, Integer> errorTypes,
      int failingCallees,
      int callees)
      implements FindingDetail {
    public EdgeFailure {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(callee, "callee");
      Checks.nonBlank(category, "category");
      errorTypes = Checks.copy(errorTypes);
    }
  }

  /**
   * Log lines of one error category rose against the baseline on a service.
   *
   * @param category the category ("connection_refused", "timeout", "oom", "error"…)
   * @param severity the level of the first line (WARN, ERROR…)
   * @param lines lines of the category in the incident
   * @param expected lines the baseline's rate predicts
   * @param exception the exception type the lines name, or null
   */
  record LogCategoryRise(
      String category, String severity, int lines, double expected, String exception)
      implements FindingDetail {
    public LogCategoryRise {
      Checks.nonBlank(category, "category");
    }
  }

  /**
   * A service's error lines name another service as where they fail ("connection refused to
   * inventory:8080"): the finding is on the named service.
   *
   * @param reporter the service whose lines these are
   * @param category the lines' error category
   * @param named the service the lines name
   * @param lines the reporter's lines of the category in the incident
   */
  record NamedCategory(String reporter, String category, String named, int lines)
      implements FindingDetail {
    public NamedCategory {
      Checks.nonBlank(reporter, "reporter");
      Checks.nonBlank(category, "category");
      Checks.nonBlank(named, "named");
    }
  }

  /**
   * Kubernetes reported a reason (OOMKilled, BackOff, FailedScheduling…) on an object.
   *
   * @param reason the event's reason as Kubernetes spells it
   * @param object the object (pod, deployment, node) the event is about
   * @param count occurrences, summed over the grouped events
   */
  record KubernetesReason(String reason, String object, int count) implements FindingDetail {
    public KubernetesReason {
      Checks.nonBlank(reason, "reason");
    }
  }

  /**
   * A query plan reads a large table in full where an index on the named columns would not.
   *
   * @param statement the normalised statement
   * @param rows rows the plan reads from the table
   * @param columns the columns of the proposed index, in order
   * @param ddl the proposed index, as a CREATE INDEX statement
   * @param indexScan true when the plan scans an index in full, false when it scans the table
   */
  record MissingIndex(
      String table,
      List<String> columns,
      String statement,
      double rows,
      String ddl,
      boolean indexScan)
      implements FindingDetail {
    public MissingIndex {
      Checks.nonBlank(table, "table");
      columns = List.copyOf(columns);
    }
  }

  /**
   * A query plan reads a large table in full, with no predicate on it an index could serve.
   *
   * @param indexScan true for a full scan of an index, false for a scan of the table
   */
  record FullScan(String table, String statement, double rows, boolean indexScan)
      implements FindingDetail {
    public FullScan {
      Checks.nonBlank(table, "table");
    }
  }

  /**
   * A statement's share of database time rose: more calls, slower calls, or both.
   *
   * @param statement the normalised statement
   * @param beforeCallsPerSecond calls per second in the baseline
   * @param afterCallsPerSecond calls per second in the incident
   * @param beforeMsPerCall mean milliseconds per call in the baseline (0 when it did not run)
   * @param afterMsPerCall mean milliseconds per call in the incident
   * @param share the statement's share of all statement time in the incident, in [0,1]
   */
  record SlowQuery(
      String statement,
      double beforeCallsPerSecond,
      double afterCallsPerSecond,
      double beforeMsPerCall,
      double afterMsPerCall,
      double share)
      implements FindingDetail {
    public SlowQuery {
      Checks.nonBlank(statement, "statement");
    }
  }

  /**
   * A session holds locks others wait for.
   *
   * @param blockingSession the blocking session's id
   * @param blockingState its state ("active", "idle in transaction"…), empty when unknown
   * @param blockingStatement its (last) statement, normalised, empty when unknown
   * @param waiters sessions waiting on it
   * @param longestWaitSeconds the longest wait, seconds
   * @param relations the tables waited on
   */
  record LockWait(
      String blockingSession,
      String blockingState,
      String blockingStatement,
      int waiters,
      double longestWaitSeconds,
      List<String> relations)
      implements FindingDetail {
    public LockWait {
      relations = List.copyOf(relations);
    }
  }

  /**
   * Slow-query or lock-wait log lines name a statement (no database statistics to read).
   *
   * @param statement the statement, normalised when the database expert took it for SQL
   * @param lines the lines naming it in the incident
   */
  record StatementLogs(String statement, int lines) implements FindingDetail {
    public StatementLogs {
      Checks.nonBlank(statement, "statement");
    }
  }

  /**
   * A change to the system: a deploy, config change, feature-flag flip, scaling or restart.
   *
   * @param change what kind of change ("deploy", "config_change", "feature_flag_change", "scaling",
   *     "restart")
   * @param description the change in one line
   * @param version the version deployed, or null for other changes
   * @param correlation the events expert's time × place × kind score, in [0,1]
   * @param reason why the expert ranks it so
   */
  record ChangeEvent(
      String change, String description, String version, double correlation, String reason)
      implements FindingDetail {
    public ChangeEvent {
      Checks.nonBlank(change, "change");
    }

    /** The detail of event {@code e} ranked {@code correlation} for {@code reason}. */
    public static ChangeEvent of(Event e, double correlation, String reason) {
      String change =
          e.getClass()
              .getSimpleName()
              .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
              .toLowerCase(Locale.ROOT);
      String version = e instanceof Deploy d ? d.version() : null;
      return new ChangeEvent(change, e.describe(), version, correlation, reason);
    }
  }

  /**
   * Stack traces fail at one line of code.
   *
   * @param file the source file (path as the trace or the snapshot names it), empty when unknown
   * @param line the line, 0 when unknown
   * @param function the failing function, empty when unknown
   * @param exception the root exception type
   * @param occurrences how many stack traces fail there
   */
  record CodeFailure(String file, int line, String function, String exception, int occurrences)
      implements FindingDetail {}

  /**
   * A log template appeared or its rate rose (the logs expert's template frequency shift).
   *
   * @param template the mined template, variable parts as {@code <*>}
   * @param severity the highest level seen on it
   * @param baselineLines lines of the template in the baseline
   * @param incidentLines lines of the template in the incident
   */
  record LogTemplateShift(String template, String severity, long baselineLines, long incidentLines)
      implements FindingDetail {}
}
