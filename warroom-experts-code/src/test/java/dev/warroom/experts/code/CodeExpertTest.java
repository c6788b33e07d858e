package dev.warroom.experts.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.CodeRef;
import dev.warroom.model.Evidence;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeExpertTest {
  private final CodeExpert expert = new CodeExpert();

  private static final String ACTIVITY =
      """
      package com.acme.shop.ui;

      import android.app.Activity;
      import android.os.Bundle;
      import android.widget.TextView;
      import butterknife.BindView;

      public class CartActivity extends Activity {
        @BindView(R.id.total) TextView totalView;
        private final CartPresenter presenter = new CartPresenter();

        @Override
        protected void onCreate(Bundle state) {
          super.onCreate(state);
          setContentView(R.layout.activity_cart);
          showTotal(presenter.total());
        }

        void showTotal(String total) {
          totalView.setText(total);
        }
      }
      """;

  private static final String ANDROID_NPE =
      """
      FATAL EXCEPTION: main
      Process: com.acme.shop, PID: 4211
      java.lang.RuntimeException: Unable to start activity ComponentInfo{com.acme.shop/com.acme.shop.ui.CartActivity}: java.lang.NullPointerException: Attempt to invoke virtual method 'void android.widget.TextView.setText(java.lang.CharSequence)' on a null object reference
      \tat android.app.ActivityThread.performLaunchActivity(ActivityThread.java:3449)
      \tat android.app.ActivityThread.handleLaunchActivity(ActivityThread.java:3601)
      \tat android.os.Looper.loop(Looper.java:223)
      Caused by: java.lang.NullPointerException: Attempt to invoke virtual method 'void android.widget.TextView.setText(java.lang.CharSequence)' on a null object reference
      \tat com.acme.shop.ui.CartActivity.showTotal(CartActivity.java:20)
      \tat com.acme.shop.ui.CartActivity.onCreate(CartActivity.java:16)
      \tat android.app.Activity.performCreate(Activity.java:8000)
      \t... 3 more
      """;

  @Test
  void explainsNullFieldWhoseBindingCallIsMissing() {
    List<SourceFile> snapshot =
        List.of(
            new SourceFile(
                "shop-app", "app/src/main/java/com/acme/shop/ui/CartActivity.java", ACTIVITY));

    Finding f = expert.analyze(ANDROID_NPE, snapshot).getFirst();

    assertThat(f.faultClass()).isEqualTo(FaultClass.CODE_EXCEPTION);
    assertThat(f.service()).isEqualTo("shop-app");
    assertThat(f.summary())
        .contains("NullPointerException")
        .contains("CartActivity.java:20")
        .contains("field `totalView` is annotated @BindView but never assigned")
        .contains("ButterKnife.bind(this)");
    assertThat(codeRefs(f))
        .contains(
            new CodeRef(
                "shop-app", "app/src/main/java/com/acme/shop/ui/CartActivity.java", 20, null))
        .contains(
            new CodeRef(
                "shop-app", "app/src/main/java/com/acme/shop/ui/CartActivity.java", 9, null));
    assertThat(f.evidence().get(1).rows()).contains(">   20 |     totalView.setText(total);");
  }

  @Test
  void doesNotBlameAFieldThatIsBound() {
    String bound =
        ACTIVITY.replace(
            "setContentView(R.layout.activity_cart);",
            "setContentView(R.layout.activity_cart);\n    totalView = findViewById(R.id.total);");
    List<SourceFile> snapshot =
        List.of(new SourceFile("shop-app", "com/acme/shop/ui/CartActivity.java", bound));
    Finding f =
        expert
            .analyze(ANDROID_NPE.replace("CartActivity.java:20", "CartActivity.java:21"), snapshot)
            .getFirst();
    assertThat(f.summary()).contains("CartActivity.java:21").doesNotContain("never assigned");
  }

  @Test
  void findsOffByOneLoopBound() {
    String source =
        """
        package com.acme.report;

        class Totals {
          long sum(long[] values) {
            long s = 0;
            for (int i = 0; i <= values.length; i++) {
              s += values[i];
            }
            return s;
          }
        }
        """;
    String trace =
        """
        Exception in thread "report-1" java.lang.ArrayIndexOutOfBoundsException: Index 4 out of bounds for length 4
        \tat com.acme.report.Totals.sum(Totals.java:7)
        \tat java.base/java.lang.Thread.run(Thread.java:1583)
        """;
    Finding f =
        expert
            .analyze(
                trace,
                List.of(
                    new SourceFile("report", "src/main/java/com/acme/report/Totals.java", source)))
            .getFirst();
    assertThat(f.summary())
        .contains("loop bound `i <= values.length`")
        .contains("use `i < values.length`");
  }

  @Test
  void namesTheCastOnAClassCastLine() {
    String source =
        """
        package com.acme.session;

        import java.util.Map;

        class SessionReader {
          Integer userId(Map<String, Object> attrs) {
            return (Integer) attrs.get("userId");
          }
        }
        """;
    String trace =
        """
        java.lang.ClassCastException: class java.lang.String cannot be cast to class java.lang.Integer
        \tat com.acme.session.SessionReader.userId(SessionReader.java:7)
        \tat com.acme.session.Filter.doFilter(Filter.java:12)
        """;
    Finding f =
        expert
            .analyze(
                trace,
                List.of(new SourceFile("web", "com/acme/session/SessionReader.java", source)))
            .getFirst();
    assertThat(f.summary())
        .contains("unchecked cast `(Integer) attrs.get(\"userId\")`")
        .contains("instanceof Integer");
  }

  @Test
  void findsConnectionNeverClosedWhenPoolIsExhausted() {
    String source =
        """
        package com.acme.orders;

        import java.sql.*;
        import javax.sql.DataSource;

        class OrderDao {
          private final DataSource ds;
          OrderDao(DataSource ds) { this.ds = ds; }

          int count(long customer) throws SQLException {
            Connection c = ds.getConnection();
            try (PreparedStatement ps = c.prepareStatement("select count(*) from orders where customer_id = ?")) {
              ps.setLong(1, customer);
              ResultSet rs = ps.executeQuery();
              rs.next();
              int n = rs.getInt(1);
              rs.close();
              return n;
            }
          }
        }
        """;
    String trace =
        """
        java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.
        \tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)
        \tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)
        \tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)
        \tat com.acme.orders.OrderDao.count(OrderDao.java:11)
        """;
    Finding f =
        expert
            .analyze(
                trace, List.of(new SourceFile("orders", "com/acme/orders/OrderDao.java", source)))
            .getFirst();
    assertThat(f.faultClass()).isEqualTo(FaultClass.CONNECTION_POOL_EXHAUSTION);
    assertThat(f.summary())
        .contains("`c = ds.getConnection()` in count() is never closed")
        .contains("try-with-resources");
  }

  @Test
  void mapsPythonFramesToTheSnapshotByPathSuffix() throws Exception {
    String pricing =
        "CATALOGUE = {}\n"
            + "\n".repeat(16)
            + "def unit_price(sku):\n    return catalogue[sku][\"price\"]\n";
    Finding f =
        expert
            .analyze(
                StackTraceParserTest.resource("django-chained.txt"),
                List.of(new SourceFile("cart", "shop/cart/pricing.py", pricing)))
            .getFirst();
    assertThat(f.summary()).startsWith("KeyError \"'SKU-1234'\" at shop/cart/pricing.py:18");
    assertThat(codeRefs(f)).containsExactly(new CodeRef("cart", "shop/cart/pricing.py", 18, null));
  }

  @Test
  void reportsUnmappedTracesWithLowerScore() throws Exception {
    List<Finding> findings =
        expert.analyze(StackTraceParserTest.resource("go-http-panic.txt"), List.of());
    assertThat(findings.getFirst().summary())
        .contains("runtime error: invalid memory address")
        .contains("/build/internal/store/store.go:88");
    // an application frame not in the snapshot (0.6), seen once (x0.8)
    assertThat(findings.getFirst().score())
        .isCloseTo(0.48, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void ranksRepeatedLocalFailuresAboveDependencyFailures() {
    String refused =
        """
        java.net.ConnectException: Connection refused: inventory/10.0.0.7:8080
        \tat com.acme.cart.InventoryClient.reserve(InventoryClient.java:40)
        \tat com.acme.cart.CartService.add(CartService.java:12)
        """;
    String npe =
        """
        java.lang.NullPointerException: Cannot invoke "Sku.price()" because "sku" is null
        \tat com.acme.cart.CartService.total(CartService.java:30)
        """;
    List<Finding> findings = expert.analyze(refused + refused + npe + npe + npe, List.of());
    assertThat(findings).hasSize(2);
    assertThat(findings.getFirst().summary())
        .startsWith("NullPointerException")
        .contains("(3 occurrences)");
    assertThat(findings.get(1).summary()).contains("[raised by a failing dependency]");
    assertThat(findings.getFirst().score()).isGreaterThan(findings.get(1).score());
  }

  @Test
  void blamesTheCommitThatLastChangedTheFailingLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("src/main/java/com/acme/shop/ui/CartActivity.java");
    Files.createDirectories(file.getParent());
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(
          file, ACTIVITY.replace("totalView.setText(total);", "System.out.println(total);"));
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("Cart screen")
          .setAuthor(new PersonIdent("Ana", "ana@acme.dev"))
          .setCommitter(new PersonIdent("Ana", "ana@acme.dev"))
          .call();
      Files.writeString(file, ACTIVITY);
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("Show total in a TextView")
          .setAuthor(new PersonIdent("Bo", "bo@acme.dev"))
          .setCommitter(new PersonIdent("Bo", "bo@acme.dev"))
          .call();
    }

    Finding f = expert.analyze(ANDROID_NPE, dir, "shop-app").getFirst();

    Evidence blame =
        f.evidence().stream().filter(e -> e.source().equals("git blame")).findFirst().orElseThrow();
    assertThat(blame.summary()).contains("by Bo").contains("Show total in a TextView");
    assertThat(blame.summary())
        .startsWith("line src/main/java/com/acme/shop/ui/CartActivity.java:20");
    assertThat(blame.rows()).hasSize(2);
    assertThat(blame.rows().get(1)).contains("Ana: Cart screen");
    assertThat(codeRefs(f).getFirst().commit()).hasSize(40);
    assertThat(f.summary()).contains("ButterKnife.bind(this)");
  }

  @Test
  void prefersTheReportingServicesFileAndDatesTheOnset() {
    List<SourceFile> snapshot =
        List.of(
            new SourceFile("catalog", "handlers.go", "package main\n".repeat(60)),
            new SourceFile("frontend", "handlers.go", "package main\n".repeat(60)));
    java.time.Instant t0 = java.time.Instant.parse("2026-11-27T10:00:00Z");
    String body =
        "request failed: validation failed: field \"currency\": required (handlers.go:49)";
    List<dev.warroom.model.LogRecord> records =
        List.of(
            dev.warroom.model.LogRecord.of(
                t0.plusSeconds(30), "frontend", dev.warroom.model.Severity.ERROR, body),
            dev.warroom.model.LogRecord.of(t0, "frontend", dev.warroom.model.Severity.ERROR, body));

    List<dev.warroom.model.LogRecord> withNoise = new java.util.ArrayList<>(records);
    withNoise.add(
        dev.warroom.model.LogRecord.of(
            t0, "catalog", dev.warroom.model.Severity.INFO, "served (handlers.go:12)"));
    withNoise.add(
        dev.warroom.model.LogRecord.of(
            t0, "catalog", dev.warroom.model.Severity.WARN, "slow (handlers.go:13)"));

    List<Finding> findings = expert.analyzeLogs(withNoise, snapshot);

    assertThat(findings).hasSize(1);
    Finding f = findings.getFirst();
    assertThat(f.service()).isEqualTo("frontend");
    assertThat(f.onset()).isEqualTo(t0);
    assertThat(codeRefs(f)).containsExactly(new CodeRef("frontend", "handlers.go", 49, null));
    assertThat(f.summary()).contains("(2 occurrences)");
  }

  @Test
  void countsEachLogFailureAndFlagsOnesRaisedByAFailingDependency() {
    List<SourceFile> snapshot =
        List.of(new SourceFile("frontend", "handlers.go", "package main\n".repeat(60)));
    java.time.Instant t0 = java.time.Instant.parse("2026-11-27T10:00:00Z");
    String local =
        "request failed: validation failed: field \"currency\": required (handlers.go:49)";
    String remote =
        "java.net.ConnectException: Connection refused\n\tat com.shop.Client.call(Client.java:20)";
    List<dev.warroom.model.LogRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(
          dev.warroom.model.LogRecord.of(
              t0.plusSeconds(i), "frontend", dev.warroom.model.Severity.ERROR, local));
    }
    records.add(
        dev.warroom.model.LogRecord.of(t0, "frontend", dev.warroom.model.Severity.ERROR, remote));

    List<CodeExpert.LogFailure> failures = expert.analyzeLogFailures(records, snapshot);

    assertThat(failures).hasSize(2);
    CodeExpert.LogFailure first = failures.getFirst();
    assertThat(first.occurrences()).isEqualTo(3);
    assertThat(first.dependencyFailure()).isFalse();
    assertThat(codeRefs(first.finding()))
        .containsExactly(new CodeRef("frontend", "handlers.go", 49, null));
    assertThat(failures.get(1).occurrences()).isEqualTo(1);
    assertThat(failures.get(1).dependencyFailure()).isTrue();
    assertThat(expert.analyzeLogs(records, snapshot))
        .containsExactlyElementsOf(failures.stream().map(CodeExpert.LogFailure::finding).toList());
  }

  private static List<CodeRef> codeRefs(Finding f) {
    return f.evidence().stream()
        .map(Evidence::code)
        .filter(java.util.Objects::nonNull)
        .filter(c -> c.commit() == null || !c.repository().isEmpty())
        .toList();
  }
}
