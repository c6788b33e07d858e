package dev.warroom.store.duckdb;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;

/**
 * Builds DuckDB SQL text with every value inlined as a correctly quoted literal. The text built is
 * exactly the text executed, so the query shown as evidence is the query that ran. Strings are
 * quoted the SQL-standard way (a quote is doubled; DuckDB gives backslashes no special meaning in
 * ordinary string literals), so no value can change the structure of the statement.
 */
final class Sql {
  private final StringBuilder sb = new StringBuilder();
  private boolean hasWhere;

  Sql(String start) {
    sb.append(start);
  }

  Sql append(String raw) {
    sb.append(raw);
    return this;
  }

  Sql str(String value) {
    sb.append(quote(value));
    return this;
  }

  Sql num(long value) {
    sb.append(value);
    return this;
  }

  /** A TIMESTAMP_NS literal with nanosecond precision. */
  Sql tsNs(Instant t) {
    sb.append("TIMESTAMP_NS '").append(TimeText.sql(t)).append('\'');
    return this;
  }

  Sql strList(Collection<String> values) {
    sb.append('(');
    Iterator<String> it = values.stream().sorted().iterator();
    while (it.hasNext()) {
      sb.append(quote(it.next()));
      if (it.hasNext()) {
        sb.append(", ");
      }
    }
    sb.append(')');
    return this;
  }

  /** Starts a condition: {@code WHERE} the first time, {@code AND} afterwards. */
  Sql and() {
    sb.append(hasWhere ? "\n  AND " : "\nWHERE ");
    hasWhere = true;
    return this;
  }

  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
