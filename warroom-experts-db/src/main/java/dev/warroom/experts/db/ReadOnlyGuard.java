package dev.warroom.experts.db;

import java.util.Locale;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.select.Select;

/**
 * warroom never changes the systems it investigates: a statement is only EXPLAINed when it parses
 * as a single SELECT (EXPLAIN without ANALYZE does not run it, but a guard keeps a mistaken caller
 * from ever sending DML through a collector), and the collectors open read-only transactions.
 */
final class ReadOnlyGuard {
  private ReadOnlyGuard() {}

  static String requireSelect(String sql) {
    String prepared = StatementNormalizer.prepare(sql);
    try {
      if (CCJSqlParserUtil.parse(prepared) instanceof Select) {
        return sql.strip().replaceAll(";\\s*$", "");
      }
    } catch (JSQLParserException | RuntimeException e) {
      throw new IllegalArgumentException("statement does not parse, not explained: " + sql, e);
    }
    throw new IllegalArgumentException(
        "only SELECT statements are explained (read-only): "
            + sql.strip().split("\\s+")[0].toUpperCase(Locale.ROOT));
  }
}
