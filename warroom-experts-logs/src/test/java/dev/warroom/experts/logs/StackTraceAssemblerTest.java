package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTraceAssemblerTest {
  private static final Instant T = Instant.parse("2026-01-10T12:00:00Z");

  static List<LogRecord> records(String service, String pod, String... lines) {
    List<LogRecord> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      out.add(
          new LogRecord(
              T.plusMillis(i),
              service,
              i == 0 ? Severity.ERROR : Severity.INFO,
              lines[i],
              Map.of("pod", pod),
              null,
              null));
    }
    return out;
  }

  @Test
  void joinsJavaTraceWithCausedByAndMoreLines() {
    List<LogRecord> in =
        records(
            "cart",
            "cart-1",
            "Request failed",
            "java.lang.IllegalStateException: cart is gone",
            "\tat shop.Cart.checkout(Cart.java:42)",
            "\tat shop.Api.handle(Api.java:10)",
            "Caused by: java.net.ConnectException: Connection refused",
            "\t... 12 more",
            "GET /health 200");
    List<LogRecord> out = StackTraceAssembler.assemble(in);
    assertThat(out).hasSize(2);
    assertThat(out.get(0).body()).startsWith("Request failed\njava.lang.IllegalStateException");
    assertThat(out.get(0).body()).contains("Caused by: java.net.ConnectException").endsWith("more");
    assertThat(out.get(0).severity()).isEqualTo(Severity.ERROR);
    assertThat(out.get(1).body()).isEqualTo("GET /health 200");
  }

  @Test
  void joinsPythonTracebackThroughTheExceptionLine() {
    List<String> out =
        StackTraceAssembler.assembleLines(
            List.of(
                "ERROR handler crashed",
                "Traceback (most recent call last):",
                "  File \"/app/main.py\", line 12, in handle",
                "    total = price / qty",
                "ZeroDivisionError: division by zero",
                "INFO next request"));
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).endsWith("ZeroDivisionError: division by zero");
  }

  @Test
  void joinsGoPanicWithGoroutineDump() {
    List<String> out =
        StackTraceAssembler.assembleLines(
            List.of(
                "panic: runtime error: invalid memory address or nil pointer dereference",
                "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1f2b]",
                "",
                "goroutine 1 [running]:",
                "main.handler(0x0)",
                "\t/app/main.go:27 +0x1b",
                "exit status 2",
                "2026/01/10 12:00:01 server restarted"));
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).contains("goroutine 1").contains("/app/main.go:27");
    assertThat(out.get(1)).contains("server restarted");
  }

  @Test
  void joinsNodeFramesAndKeepsStreamsApart() {
    List<LogRecord> in = new ArrayList<>();
    in.addAll(
        records("web", "web-1", "TypeError: Cannot read properties of undefined (reading 'id')"));
    in.addAll(records("web", "web-2", "GET /cart 200"));
    in.addAll(records("web", "web-1", "    at getUser (/app/user.js:8:17)"));
    List<LogRecord> out = StackTraceAssembler.assemble(in);
    assertThat(out).hasSize(2);
    assertThat(out.get(0).body()).endsWith("(/app/user.js:8:17)");
    assertThat(out.get(1).body()).isEqualTo("GET /cart 200");
  }
}
