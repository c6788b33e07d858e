package dev.warroom.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a bundle's {@code db/<component>/} folder holds about one SQL database (docs/bundles.md):
 * the component (the name the topology knows it by), its dialect ({@code postgresql} or {@code
 * mysql}; MariaDB is {@code mysql}), statement counters of a baseline window (null when not
 * exported) and of the incident window, the plans of the statements worth explaining, and the lock
 * waits seen during the incident.
 */
public record DatabaseStats(
    String component,
    String dialect,
    DbStatementWindow baseline,
    DbStatementWindow incident,
    List<DbPlan> plans,
    List<DbLockWait> lockWaits) {
  /** The dialects a bundle may declare. */
  public static final List<String> DIALECTS = List.of("postgresql", "mysql");

  public DatabaseStats {
    Checks.nonBlank(component, "component");
    if (component.contains("/") || component.contains("\\") || component.startsWith(".")) {
      throw new IllegalArgumentException("component must be a plain folder name: " + component);
    }
    Objects.requireNonNull(dialect, "dialect");
    dialect = dialect.toLowerCase(Locale.ROOT);
    if (dialect.equals("mariadb")) {
      dialect = "mysql";
    }
    if (dialect.equals("postgres")) {
      dialect = "postgresql";
    }
    if (!DIALECTS.contains(dialect)) {
      throw new IllegalArgumentException(
          "unknown dialect '" + dialect + "' (expected postgresql or mysql)");
    }
    Objects.requireNonNull(incident, "incident");
    plans = plans == null ? List.of() : List.copyOf(plans);
    lockWaits = lockWaits == null ? List.of() : List.copyOf(lockWaits);
  }
}
