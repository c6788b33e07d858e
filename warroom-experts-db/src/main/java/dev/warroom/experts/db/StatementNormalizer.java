package dev.warroom.experts.db;

import java.util.Locale;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * Turns statement text into its digest form so that executions with different literals group
 * together, as pg_stat_statements and performance_schema digests do: every literal becomes {@code
 * ?}, an IN list of any length becomes {@code IN (?)}, multi-row VALUES collapse to one row, and
 * engine placeholders ({@code $1}, MySQL's {@code (...)} ellipsis, back-ticks) are unified. The
 * statement is parsed with JSqlParser and printed back; text JSqlParser cannot parse falls back to
 * a lexical normalisation, so every statement gets a key.
 */
public final class StatementNormalizer {
  private static final Pattern DOLLAR_PARAM = Pattern.compile("\\$\\d+");
  private static final Pattern MYSQL_ELLIPSIS = Pattern.compile("\\(\\s*\\.\\.\\.\\s*\\)");
  private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w$.])-?\\d+(?:\\.\\d+)?(?![\\w.])");
  private static final Pattern IN_LIST =
      Pattern.compile("(?i)\\bIN\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\)");
  private static final Pattern VALUES_ROWS =
      Pattern.compile("(?i)(VALUES\\s*\\([?,\\s]*\\))(?:\\s*,\\s*\\([?,\\s]*\\))+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** The digest text of {@code sql}; never null, never blank for non-blank input. */
  public String normalize(String sql) {
    String text = prepare(sql);
    String printed;
    try {
      printed = deparse(CCJSqlParserUtil.parse(text));
    } catch (JSQLParserException | RuntimeException e) {
      // not every dialect construct parses (e.g. vendor hints); the lexical form still groups
      printed = NUMBER.matcher(STRING.matcher(text).replaceAll("?")).replaceAll("?");
    }
    printed = IN_LIST.matcher(printed).replaceAll("IN (?)");
    printed = VALUES_ROWS.matcher(printed).replaceAll("$1");
    return SPACES.matcher(printed).replaceAll(" ").trim();
  }

  /** A case-insensitive grouping key: the normalised text in lower case. */
  public String key(String sql) {
    return normalize(sql).toLowerCase(Locale.ROOT);
  }

  /** Unifies placeholders so the parser sees standard SQL. */
  static String prepare(String sql) {
    String text = sql.strip();
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    text = text.replace("`", "");
    text = DOLLAR_PARAM.matcher(text).replaceAll("?");
    return MYSQL_ELLIPSIS.matcher(text).replaceAll("(?)");
  }

  private static String deparse(Statement statement) {
    StringBuilder out = new StringBuilder();
    LiteralMaskingDeParser expressions = new LiteralMaskingDeParser();
    SelectDeParser selects = new SelectDeParser(expressions, out);
    expressions.setSelectVisitor(selects);
    expressions.setBuilder(out);
    statement.accept(new StatementDeParser(expressions, selects, out));
    return out.toString();
  }

  /** Prints every literal as {@code ?} and every IN list as {@code IN (?)}. */
  private static final class LiteralMaskingDeParser extends ExpressionDeParser {
    private StringBuilder mask() {
      return getBuilder().append('?');
    }

    @Override
    public <S> StringBuilder visit(LongValue value, S context) {
      return mask();
    }

    @Override
    public <S> StringBuilder visit(DoubleValue value, S context) {
      return mask();
    }

    @Override
    public <S> StringBuilder visit(StringValue value, S context) {
      return mask();
    }

    @Override
    public <S> StringBuilder visit(HexValue value, S context) {
      return mask();
    }

    @Override
    public <S> StringBuilder visit(DateValue value, S context) {
      return mask();
    }

    @Override
    public <S> StringBuilder visit(TimestampValue value, S context) {
      return mask();
    }

    @Override
    public <S> StringBuilder visit(DateTimeLiteralExpression value, S context) {
      return mask();
    }

    @Override
    public <S> StringBuilder visit(JdbcParameter value, S context) {
      return mask();
    }

    @Override
    public <S> StringBuilder visit(SignedExpression value, S context) {
      // -5 is a literal, -price is not
      return value.getExpression() instanceof LongValue
              || value.getExpression() instanceof DoubleValue
          ? mask()
          : super.visit(value, context);
    }

    @Override
    public <S> StringBuilder visit(InExpression in, S context) {
      if (in.getRightExpression() instanceof ExpressionList<?>) {
        in.getLeftExpression().accept(this, context);
        return getBuilder().append(in.isNot() ? " NOT IN (?)" : " IN (?)");
      }
      return super.visit(in, context);
    }
  }
}
