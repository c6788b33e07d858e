package dev.warroom.experts.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackTraceParserTest {
  private final StackTraceParser parser = new StackTraceParser();
  private final FrameClassifier classifier = new FrameClassifier();

  static String resource(String name) throws IOException {
    try (InputStream in = StackTraceParserTest.class.getResourceAsStream("/traces/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private StackTrace only(String name) throws IOException {
    List<StackTrace> traces = parser.parse(resource(name));
    assertThat(traces).hasSize(1);
    return classifier.classify(traces.getFirst());
  }

  @Test
  void readsJavaCausedBySuppressedAndMoreFrames() throws IOException {
    StackTrace top = only("spring-caused-by.txt");
    assertThat(top.language()).isEqualTo(Language.JAVA);
    assertThat(top.type()).isEqualTo("org.springframework.web.util.NestedServletException");
    StackTrace cause = top.cause();
    assertThat(cause.type())
        .isEqualTo("org.springframework.dao.InvalidDataAccessApiUsageException");
    // 4 own frames + "... 3 more" copied from the enclosing trace
    assertThat(cause.frames()).hasSize(7);
    assertThat(cause.frames().getLast().function()).isEqualTo("java.lang.Thread.run");
    assertThat(cause.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.type()).isEqualTo("java.io.UncheckedIOException");
              assertThat(s.frames()).hasSize(7);
            });
    StackTrace root = top.rootCause();
    assertThat(root.type()).isEqualTo("java.lang.IndexOutOfBoundsException");
    assertThat(root.message()).isEqualTo("Index 3 out of bounds for length 3");
    assertThat(root.frames().get(2).application()).isFalse();
    assertThat(root.topApplicationFrame())
        .get()
        .satisfies(
            f -> {
              assertThat(f.function()).isEqualTo("com.acme.shop.order.OrderService.total");
              assertThat(f.file()).isEqualTo("OrderService.java");
              assertThat(f.line()).isEqualTo(52);
            });
  }

  @Test
  void readsPythonChainWithCauseFirst() throws IOException {
    StackTrace top = only("django-chained.txt");
    assertThat(top.type()).isEqualTo("cart.pricing.PricingError");
    assertThat(top.frames().getFirst().file()).isEqualTo("/srv/shop/cart/pricing.py");
    assertThat(top.frames().getFirst().line()).isEqualTo(20);
    assertThat(top.frames().getLast().application()).isFalse();
    StackTrace root = top.rootCause();
    assertThat(root.type()).isEqualTo("KeyError");
    assertThat(root.topApplicationFrame())
        .get()
        .satisfies(
            f -> {
              assertThat(f.function()).isEqualTo("unit_price");
              assertThat(f.line()).isEqualTo(18);
            });
  }

  @Test
  void readsGoHttpPanicWithoutRecoveryFramesAndOtherGoroutines() throws IOException {
    List<StackTrace> traces = parser.parse(resource("go-http-panic.txt"));
    assertThat(traces).hasSize(2);
    StackTrace panic = classifier.classify(traces.getFirst());
    assertThat(panic.type()).isEqualTo("runtime.Error");
    assertThat(panic.message()).startsWith("runtime error: invalid memory address");
    assertThat(panic.thread()).isEqualTo("goroutine 1437 [running]");
    assertThat(panic.frames().getFirst().function())
        .isEqualTo("github.com/acme/inventory/internal/store.(*Store).Reserve");
    assertThat(panic.topApplicationFrame())
        .get()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo("/build/internal/store/store.go");
              assertThat(f.line()).isEqualTo(88);
            });
    assertThat(panic.frames().getLast().function()).startsWith("created by net/http");
    assertThat(traces.get(1).thread()).isEqualTo("goroutine 1 [IO wait]");
    assertThat(traces.get(1).frames().getLast().function()).isEqualTo("main.main");
  }

  @Test
  void readsNodeFramesAndCause() throws IOException {
    StackTrace top = only("node-express.txt");
    assertThat(top.type()).isEqualTo("TypeError");
    assertThat(top.frames()).hasSize(6);
    assertThat(top.frames().get(1).file()).isEmpty();
    assertThat(top.frames().get(3).application()).isFalse();
    assertThat(top.topApplicationFrame())
        .get()
        .satisfies(
            f -> {
              assertThat(f.function()).isEqualTo("computeTotal");
              assertThat(f.file()).isEqualTo("/usr/src/app/src/cart/total.js");
              assertThat(f.line()).isEqualTo(17);
            });
    assertThat(top.cause().message()).isEqualTo("catalogue lookup failed for SKU-9");
    assertThat(top.cause().frames().get(1).function()).isEqualTo("fetchPrices");
  }

  @Test
  void readsDotNetInnerExceptionFramesFirst() throws IOException {
    StackTrace top = only("aspnet-inner.txt");
    assertThat(top.type()).isEqualTo("System.InvalidOperationException");
    assertThat(top.frames()).hasSize(5);
    assertThat(top.frames().getFirst().line()).isEqualTo(47);
    StackTrace inner = top.cause();
    assertThat(inner.type()).isEqualTo("System.NullReferenceException");
    assertThat(inner.frames()).hasSize(2);
    assertThat(inner.topApplicationFrame())
        .get()
        .satisfies(
            f -> {
              assertThat(f.function()).isEqualTo("Acme.Shop.Services.PricingService.PriceOf");
              assertThat(f.file()).isEqualTo("/src/Acme.Shop/Services/PricingService.cs");
              assertThat(f.line()).isEqualTo(28);
            });
    assertThat(top.frames().get(3).application()).isFalse();
  }

  @Test
  void readsCallerLocationsOfErrorLinesWithoutTrace() {
    List<StackTrace> traces =
        parser.parse(
            "request failed: validation failed: field \"currency\": required (handlers.go:49)\n"
                + "E1127 10:15:42.123456       1 store/reserve.go:88] reserve failed: no stock\n"
                + "2026-11-27T10:15:42Z\tERROR\tapi/views.py:42\tcheckout failed\n");
    assertThat(traces)
        .extracting(
            t ->
                t.language()
                    + " "
                    + t.frames().getFirst().file()
                    + ":"
                    + t.frames().getFirst().line())
        .containsExactly("GO handlers.go:49", "GO store/reserve.go:88", "PYTHON api/views.py:42");
  }

  @Test
  void doesNotCountTheHeaderOfAStackTraceTwice() throws IOException {
    String uncaught =
        "/usr/src/app/src/cart/total.js:17\n  return items.map(i => i.sku.price);\n"
            + "                             ^\n\n"
            + resource("node-express.txt");
    assertThat(parser.parse(uncaught)).hasSize(1);
  }

  @Test
  void findsNothingInPlainLogLines() {
    assertThat(
            parser.parse("INFO started in 3.2 s\nWARN at capacity: 80%\nError: disk nearly full"))
        .isEmpty();
  }
}
