package dev.warroom.experts;

import java.util.ArrayList;
import java.util.List;

/**
 * Generators of SQL statements and plans (PostgreSQL text/JSON EXPLAIN, MySQL tabular EXPLAIN),
 * stack traces of Java, Python, Go, Node.js and .NET in their runtimes' own layouts, and source
 * code fragments of Java, Python, Go and JavaScript.
 */
final class CodeSamples {
  private CodeSamples() {}

  static String sample(InputKind kind, Gen g) {
    return switch (kind) {
      case SQL_STATEMENT -> sql(g);
      case SQL_PLAN -> plan(g);
      case STACK_TRACE_JAVA -> javaStack(g);
      case STACK_TRACE_PYTHON -> pythonStack(g);
      case STACK_TRACE_GO -> goStack(g);
      case STACK_TRACE_NODE -> nodeStack(g);
      case STACK_TRACE_DOTNET -> dotnetStack(g);
      case SOURCE_JAVA -> SourceSamples.java(g);
      case SOURCE_PYTHON -> SourceSamples.python(g);
      case SOURCE_GO -> SourceSamples.go(g);
      case SOURCE_JAVASCRIPT -> SourceSamples.javascript(g);
      default -> throw new IllegalArgumentException("not a code kind: " + kind);
    };
  }

  private static String table(Gen g) {
    return g.word() + g.pick("s", "_items", "_events", "");
  }

  private static String sql(Gen g) {
    String t = table(g);
    String nl = g.chance(0.4) ? "\n" : " ";
    String s =
        switch (g.between(0, 6)) {
          case 0 ->
              "SELECT "
                  + g.pick("*", "id, " + g.word() + "_id, created_at", "count(*)")
                  + nl
                  + "FROM "
                  + t
                  + nl
                  + "WHERE "
                  + g.word()
                  + "_id = "
                  + g.pick("$1", "?", Integer.toString(g.between(1, 9999)))
                  + (g.chance(0.5)
                      ? nl + "ORDER BY created_at" + " DESC LIMIT " + g.between(1, 100)
                      : "");
          case 1 ->
              "select o.id, c.name from "
                  + t
                  + " o"
                  + nl
                  + "join "
                  + table(g)
                  + " c on c.id ="
                  + " o."
                  + g.word()
                  + "_id"
                  + nl
                  + "where o.status = '"
                  + g.pick("PAID", "open")
                  + "'";
          case 2 ->
              "INSERT INTO "
                  + t
                  + " (id, "
                  + g.word()
                  + ", amount) VALUES ("
                  + g.between(1, 999)
                  + ", '"
                  + g.word()
                  + "', "
                  + g.between(1, 500)
                  + ".00)";
          case 3 ->
              "UPDATE "
                  + t
                  + " SET "
                  + g.word()
                  + " = "
                  + g.between(0, 9)
                  + ", updated_at ="
                  + " now()"
                  + nl
                  + "WHERE id = "
                  + g.between(1, 99999);
          case 4 ->
              "DELETE FROM "
                  + t
                  + " WHERE created_at < now() - interval '"
                  + g.between(1, 90)
                  + " days'";
          case 5 ->
              "CREATE INDEX CONCURRENTLY idx_"
                  + t
                  + "_"
                  + g.word()
                  + " ON "
                  + t
                  + " ("
                  + g.word()
                  + "_id)";
          default ->
              "WITH recent AS (SELECT * FROM "
                  + t
                  + " WHERE ts > now() - interval '1 hour')"
                  + nl
                  + "SELECT "
                  + g.word()
                  + ", avg(duration_ms) FROM recent GROUP BY 1 HAVING"
                  + " count(*) > "
                  + g.between(1, 50);
        };
    return s + (g.chance(0.6) ? ";" : "");
  }

  private static String plan(Gen g) {
    String t = table(g);
    return switch (g.between(0, 3)) {
      case 0 -> {
        StringBuilder sb =
            new StringBuilder(
                g.chance(0.5)
                    ? "                 QUERY PLAN\n"
                        + "-----------------------------------------------------\n"
                    : "");
        sb.append(g.pick("Seq Scan", "Index Scan using " + t + "_pkey", "Bitmap Heap Scan"))
            .append(" on ")
            .append(t)
            .append("  (cost=0.00..")
            .append(g.between(8, 90000))
            .append(".00 rows=")
            .append(g.between(1, 500000))
            .append(" width=")
            .append(g.between(4, 200))
            .append(")");
        if (g.chance(0.5)) {
          sb.append(" (actual time=0.0")
              .append(g.between(10, 99))
              .append("..")
              .append(g.between(1, 9000))
              .append(".")
              .append(g.between(100, 999))
              .append(" rows=")
              .append(g.between(0, 9000))
              .append(" loops=1)");
        }
        sb.append("\n  Filter: (")
            .append(g.word())
            .append("_id = ")
            .append(g.between(1, 999))
            .append(")\n");
        if (g.chance(0.5)) {
          sb.append("  Rows Removed by Filter: ")
              .append(g.between(1, 999999))
              .append('\n')
              .append("Planning Time: 0.")
              .append(g.between(100, 999))
              .append(" ms\n")
              .append("Execution Time: ")
              .append(g.between(1, 9000))
              .append(".")
              .append(g.between(100, 999))
              .append(" ms\n");
        }
        yield sb.toString();
      }
      case 1 ->
          "Hash Join  (cost="
              + g.between(1, 99)
              + ".00.."
              + g.between(100, 9999)
              + ".00 rows="
              + g.between(1, 9999)
              + " width="
              + g.between(8, 99)
              + ")\n"
              + "  Hash Cond: (o."
              + g.word()
              + "_id = c.id)\n  ->  Seq Scan on "
              + t
              + " o  (cost=0.00..431.00 rows=21000 width=20)\n  ->  Hash  (cost=1.50..1.50 rows=50"
              + " width=12)\n        ->  Index Only Scan using "
              + table(g)
              + "_idx on "
              + table(g)
              + " c  (cost=0.29..8.31 rows=1 width=4)\n";
      case 2 ->
          "+----+-------------+-------+------------+------+---------------+------+---------"
              + "+------+------+----------+-------------+\n| id | select_type | table | partitions |"
              + " type | possible_keys | key  | key_len | ref  | rows | filtered | Extra       |\n"
              + "+----+-------------+-------+------------+------+---------------+------+---------+"
              + "------+------+----------+-------------+\n|  1 | SIMPLE      | "
              + t
              + " | NULL       |"
              + " "
              + g.pick("ALL ", "ref ")
              + " | NULL          | NULL | NULL    | NULL | "
              + g.between(1, 99999)
              + " |    10.00 | Using where |\n+----+-------------+-------+---"
              + "---------+------+---------------+------+---------+------+------+----------+-------"
              + "------+\n";
      default ->
          "[\n  {\n    \"Plan\": {\n      \"Node Type\": \""
              + g.pick("Seq Scan", "Index Scan", "Nested Loop")
              + "\",\n      \"Relation Name\": \""
              + t
              + "\",\n"
              + "      \"Startup Cost\": 0.00,\n      \"Total Cost\": "
              + g.between(1, 9999)
              + ".00,\n      \"Plan Rows\": "
              + g.between(1, 99999)
              + ",\n      \"Filter\": \"("
              + g.word()
              + " > "
              + g.between(1, 9)
              + ")\"\n    }\n  }\n]";
    };
  }

  private static String javaStack(Gen g) {
    String pkg = g.pick("com", "org", "io") + "." + g.word() + "." + g.word();
    StringBuilder sb =
        new StringBuilder(
            g.pick(
                "Exception in thread \"main\" ",
                "",
                "",
                g.format(g.epochSecond(), "yyyy-MM-dd HH:mm:ss.SSS")
                    + " ERROR 1 --- [nio-8080-exec-1]"
                    + " o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() threw exception\n"));
    sb.append(
        g.pick(
            "java.lang.NullPointerException",
            "java.lang.IllegalStateException: " + g.message(),
            "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is"
                + " not available, request timed out after 30000ms.",
            pkg + "." + g.type() + "Exception: " + g.message()));
    for (int i = 0, n = g.between(2, 12); i < n; i++) {
      String type = g.type();
      sb.append("\n\tat ")
          .append(g.chance(0.7) ? pkg : "org.springframework." + g.word())
          .append('.')
          .append(type)
          .append('.')
          .append(g.ident())
          .append('(')
          .append(type)
          .append(".java:")
          .append(g.between(10, 900))
          .append(')');
    }
    if (g.chance(0.4)) {
      sb.append(
              "\nCaused by: java.net.SocketTimeoutException: Read timed out\n\tat java.base/"
                  + "java.net.SocketInputStream.socketRead0(Native Method)\n\t... ")
          .append(g.between(3, 40))
          .append(" more");
    }
    return sb.toString();
  }

  private static String pythonStack(Gen g) {
    StringBuilder sb = new StringBuilder("Traceback (most recent call last):");
    for (int i = 0, n = g.between(1, 6); i < n; i++) {
      String fn = g.ident();
      sb.append("\n  File \"/")
          .append(
              g.pick("app", "usr/lib/python3.11/site-packages/" + g.word(), "srv/" + g.service()))
          .append('/')
          .append(g.word())
          .append(".py\", line ")
          .append(g.between(1, 700))
          .append(", in ")
          .append(fn)
          .append("\n    ")
          .append(
              g.pick(
                  "return self." + g.ident() + "(" + g.word() + ")",
                  g.word() + " = " + g.word() + "[\"" + g.word() + "\"]",
                  "raise " + g.type() + "Error(msg)",
                  "resp.raise_for_status()"));
    }
    sb.append('\n')
        .append(
            g.pick(
                "KeyError: '" + g.word() + "'",
                "ValueError: invalid literal" + " for int() with base 10: '" + g.word() + "'",
                "requests.exceptions.ConnectionError: " + g.message(),
                "AttributeError: 'NoneType' object has no attribute '" + g.word() + "'",
                "psycopg2.OperationalError: " + g.message()));
    return sb.toString();
  }

  private static String goStack(Gen g) {
    StringBuilder sb =
        new StringBuilder(
            g.pick(
                "panic: runtime error: invalid memory address or"
                    + " nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0"
                    + " pc=0x"
                    + g.hex(6)
                    + "]",
                "panic: runtime error: index out of range ["
                    + g.between(1, 9)
                    + "] with length "
                    + g.between(0, 1),
                "panic: " + g.message(),
                "fatal error: concurrent" + " map writes"));
    sb.append("\n\ngoroutine ").append(g.between(1, 900)).append(" [running]:");
    for (int i = 0, n = g.between(1, 6); i < n; i++) {
      String p =
          g.pick("main", "github.com/acme/" + g.service() + "/internal/" + g.word(), "net/http");
      sb.append('\n')
          .append(p)
          .append('.')
          .append(g.chance(0.5) ? "(*" + g.type() + ")." : "")
          .append(Gen.capital(g.ident()))
          .append("(0x")
          .append(g.hex(10))
          .append(", 0x")
          .append(g.hex(4))
          .append(")\n\t/")
          .append(g.pick("app", "go/src", "usr/local/go/src"))
          .append('/')
          .append(g.word())
          .append(".go:")
          .append(g.between(10, 900))
          .append(" +0x")
          .append(g.hex(3));
    }
    if (g.chance(0.5)) {
      sb.append("\nexit status 2");
    }
    return sb.toString();
  }

  private static String nodeStack(Gen g) {
    StringBuilder sb =
        new StringBuilder(
            g.pick(
                "TypeError: Cannot read properties of undefined" + " (reading '" + g.word() + "')",
                "Error: connect ECONNREFUSED " + g.ip() + ":" + g.between(80, 9999),
                "ReferenceError: " + g.ident() + " is not defined",
                "UnhandledPromiseRejectionWarning: Error: " + g.message()));
    for (int i = 0, n = g.between(1, 8); i < n; i++) {
      sb.append("\n    at ")
          .append(g.chance(0.6) ? g.pick("Object.", "", "async ") + g.ident() + " (" : "")
          .append(g.pick("/app/src/", "/usr/src/app/dist/", "node:internal/process/"))
          .append(g.word())
          .append(g.pick(".js", ".ts", ".mjs"))
          .append(':')
          .append(g.between(1, 400))
          .append(':')
          .append(g.between(1, 80))
          .append(sb.lastIndexOf("(") > sb.lastIndexOf("\n") ? ")" : "");
    }
    return sb.toString();
  }

  private static String dotnetStack(Gen g) {
    String ns = g.pick("Acme", "Contoso", "Shop") + "." + Gen.capital(g.service());
    StringBuilder sb =
        new StringBuilder(
            g.pick(
                    "Unhandled exception. ",
                    "",
                    "fail: " + "Microsoft.AspNetCore.Server.Kestrel[13]\n      ")
                + g.pick(
                    "System.NullReferenceException: Object reference not set to an instance of an object.",
                    "System.InvalidOperationException: " + g.message(),
                    "System.TimeoutException: The" + " operation has timed out.",
                    "Npgsql.NpgsqlException (0x80004005): " + g.message()));
    List<String> frames = new ArrayList<>();
    for (int i = 0, n = g.between(1, 8); i < n; i++) {
      String type = g.type();
      frames.add(
          "   at "
              + ns
              + "."
              + g.pick("Controllers", "Services", "Data")
              + "."
              + type
              + "."
              + Gen.capital(g.ident())
              + "("
              + g.pick("", "Int32 id", "String " + g.word(), "CancellationToken ct")
              + ")"
              + (g.chance(0.6)
                  ? " in " + g.pick("C:\\src\\", "/src/") + type + ".cs:line " + g.between(10, 700)
                  : ""));
    }
    if (g.chance(0.3)) {
      frames.add("--- End of stack trace from previous location ---");
    }
    return sb + "\n" + String.join("\n", frames);
  }
}
