package dev.warroom.experts.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Reads which columns of which table a statement filters or joins on, from its WHERE and JOIN ...
 * ON predicates, and turns them into {@link IndexProposal}s. Equality and IN predicates and join
 * keys are "equality" columns; {@code <, >, BETWEEN} and prefix {@code LIKE 'x%'} are "range"
 * columns; {@code <>} and {@code IS NULL} cannot use a B-tree well and are ignored.
 */
public final class PredicateColumns {

  /** Index proposals for each table the statement reads with a usable predicate. */
  public List<IndexProposal> proposals(String sql) {
    Optional<Statement> parsed = parse(sql);
    if (parsed.isEmpty()) {
      return List.of();
    }
    Collector collector = new Collector();
    switch (parsed.get()) {
      case Select select when select instanceof PlainSelect plain -> collector.select(plain);
      case Select select when select.getSelectBody() instanceof PlainSelect plain ->
          collector.select(plain);
      case Update update -> {
        collector.table(update.getTable());
        collector.condition(update.getWhere());
      }
      case Delete delete -> {
        collector.table(delete.getTable());
        collector.condition(delete.getWhere());
      }
      default -> {
        return List.of();
      }
    }
    return collector.proposals();
  }

  /**
   * Alias (and table name) to table name, lower-case, for the FROM/JOIN items of a SELECT, UPDATE
   * or DELETE; MySQL plans name tables by their alias.
   */
  public Map<String, String> aliases(String sql) {
    Optional<Statement> parsed = parse(sql);
    Collector collector = new Collector();
    switch (parsed.orElse(null)) {
      case PlainSelect plain -> collector.select(plain);
      case Update update -> collector.table(update.getTable());
      case Delete delete -> collector.table(delete.getTable());
      case null, default -> {}
    }
    return Map.copyOf(collector.aliasToTable);
  }

  /** The tables a statement names, lower-case, in order of appearance. */
  public List<String> tables(String sql) {
    Optional<Statement> parsed = parse(sql);
    if (parsed.isEmpty()) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (String t :
        new net.sf.jsqlparser.util.TablesNamesFinder<Void>().getTableList(parsed.get())) {
      names.add(bare(t));
    }
    return List.copyOf(names);
  }

  private static Optional<Statement> parse(String sql) {
    try {
      return Optional.of(CCJSqlParserUtil.parse(StatementNormalizer.prepare(sql)));
    } catch (JSQLParserException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static String bare(String name) {
    String n = name.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    return n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : n;
  }

  /** Walks one SELECT/UPDATE/DELETE and accumulates predicate columns per table. */
  private static final class Collector {
    private final Map<String, String> aliasToTable = new LinkedHashMap<>();
    private final Map<String, Set<String>> equality = new LinkedHashMap<>();
    private final Map<String, Set<String>> range = new LinkedHashMap<>();

    void select(PlainSelect plain) {
      from(plain.getFromItem());
      if (plain.getJoins() != null) {
        for (Join join : plain.getJoins()) {
          from(join.getFromItem());
        }
        for (Join join : plain.getJoins()) {
          join.getOnExpressions().forEach(this::condition);
        }
      }
      condition(plain.getWhere());
    }

    void table(Table table) {
      String name = bare(table.getFullyQualifiedName());
      aliasToTable.put(name, name);
      if (table.getAlias() != null) {
        aliasToTable.put(table.getAlias().getName().toLowerCase(Locale.ROOT), name);
      }
    }

    private void from(FromItem item) {
      if (item instanceof Table table) {
        table(table);
      }
    }

    void condition(Expression e) {
      switch (e) {
        case null -> {}
        case AndExpression and -> {
          condition(and.getLeftExpression());
          condition(and.getRightExpression());
        }
        case OrExpression or -> {
          condition(or.getLeftExpression());
          condition(or.getRightExpression());
        }
        case ExpressionList<?> list when list.size() == 1 -> condition(list.get(0));
        case NotEqualsTo ignored -> {}
        case EqualsTo eq -> {
          if (eq.getLeftExpression() instanceof Column l
              && eq.getRightExpression() instanceof Column r) {
            add(equality, l);
            add(equality, r);
          } else {
            comparison(eq, equality);
          }
        }
        case InExpression in -> {
          if (in.getLeftExpression() instanceof Column c && !in.isNot()) {
            add(equality, c);
          }
        }
        case Between between -> {
          if (between.getLeftExpression() instanceof Column c && !between.isNot()) {
            add(range, c);
          }
        }
        case LikeExpression like -> {
          if (like.getLeftExpression() instanceof Column c
              && !like.isNot()
              && !like.getRightExpression().toString().startsWith("'%")) {
            add(range, c);
          }
        }
        case IsNullExpression ignored -> {}
        case BinaryExpression other -> comparison(other, range);
        default -> {}
      }
    }

    private void comparison(BinaryExpression e, Map<String, Set<String>> kind) {
      if (e.getLeftExpression() instanceof Column c
          && !(e.getRightExpression() instanceof Column)) {
        add(kind, c);
      } else if (e.getRightExpression() instanceof Column c
          && !(e.getLeftExpression() instanceof Column)) {
        add(kind, c);
      }
    }

    private void add(Map<String, Set<String>> kind, Column column) {
      String table = resolve(column);
      if (table != null) {
        kind.computeIfAbsent(table, k -> new LinkedHashSet<>())
            .add(column.getColumnName().replace("\"", "").toLowerCase(Locale.ROOT));
      }
    }

    private String resolve(Column column) {
      if (column.getTable() != null && column.getTable().getName() != null) {
        return aliasToTable.get(bare(column.getTable().getName()));
      }
      Set<String> distinct = new LinkedHashSet<>(aliasToTable.values());
      // an unqualified column is only attributable when one table is in scope
      return distinct.size() == 1 ? distinct.iterator().next() : null;
    }

    List<IndexProposal> proposals() {
      Set<String> tables = new LinkedHashSet<>(equality.keySet());
      tables.addAll(range.keySet());
      List<IndexProposal> out = new ArrayList<>();
      for (String t : tables) {
        List<String> columns = new ArrayList<>(equality.getOrDefault(t, Set.of()));
        range.getOrDefault(t, Set.of()).stream()
            .filter(c -> !columns.contains(c))
            .findFirst()
            .ifPresent(columns::add);
        out.add(new IndexProposal(t, columns));
      }
      return out;
    }
  }
}
