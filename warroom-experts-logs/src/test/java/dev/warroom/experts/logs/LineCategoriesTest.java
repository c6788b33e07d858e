package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.FaultClass;
import org.junit.jupiter.api.Test;

class LineCategoriesTest {

  @Test
  void readsTheExceptionLineOfAPythonTracebackNotTheFrames() {
    String body =
        "Exception on /home [GET]\nTraceback (most recent call last):\n"
            + "  File \"/app/app/dns_timeout.py\", line 12, in call\n    resolve(host)\n"
            + "requests.exceptions.SSLError: certificate verify failed: certificate has expired";
    LineCategory c = LineCategories.of(body).orElseThrow();
    assertThat(c.name()).isEqualTo("tls");
    assertThat(c.fault()).isEqualTo(FaultClass.TLS_EXPIRED);
    assertThat(c.classified()).isEqualTo(ErrorCategory.TLS);
  }

  @Test
  void ignoresJavaAndGoFrameNames() {
    String java =
        "java.lang.IllegalStateException: cart is empty\n"
            + "\tat com.shop.TimeoutHandler.handle(TimeoutHandler.java:41)";
    assertThat(LineCategories.of(java).orElseThrow().name()).isEqualTo("unhandled_exception");
    String go = "panic: runtime error: index out of range\n/app/redis_client.go:88 +0x1d";
    assertThat(LineCategories.of(go).orElseThrow().name()).isNotEqualTo("cache");
  }

  @Test
  void treatsAFiveHundredFromADependencyAsUpstreamNotACodeException() {
    String body =
        "Exception on /payment [POST]\nTraceback (most recent call last):\n"
            + "requests.exceptions.HTTPError: 500 Server Error: Internal Server Error for url:"
            + " http://contacts:8080/contacts";
    LineCategory c = LineCategories.of(body).orElseThrow();
    assertThat(c.name()).isEqualTo("upstream");
    assertThat(c.fault()).isNull();
  }

  @Test
  void readsErrorCodesWrittenAsIdentifiers() {
    LineCategory c =
        LineCategories.of("call to userservice failed after error: rate_limited").orElseThrow();
    assertThat(c.fault()).isEqualTo(FaultClass.RATE_LIMITED);
  }

  @Test
  void prefersDataLayerKindsOverGenericTimeouts() {
    assertThat(LineCategories.of("canceling statement due to lock timeout").orElseThrow().fault())
        .isEqualTo(FaultClass.LOCK_CONTENTION);
    assertThat(LineCategories.of("redis timeout after 500 ms").orElseThrow().name())
        .isEqualTo("cache");
    assertThat(
            LineCategories.of("java.util.concurrent.RejectedExecutionException: pool full")
                .orElseThrow()
                .fault())
        .isEqualTo(FaultClass.THREAD_POOL_EXHAUSTION);
  }

  @Test
  void keepsSpecificClassifierCategoriesOverDataLayerPhrases() {
    // "retrying" is a data-layer phrase, but the DNS failure is what the line reports.
    LineCategory c =
        LineCategories.of("retrying: dial tcp: lookup payment: no such host").orElseThrow();
    assertThat(c.name()).isEqualTo("dns");
    assertThat(c.fault()).isEqualTo(FaultClass.DNS_FAILURE);
  }

  @Test
  void namesAGenericErrorAndNothingForRoutineLines() {
    assertThat(LineCategories.of("checkout failed for order 42").orElseThrow().name())
        .isEqualTo("error");
    assertThat(LineCategories.of("Started Application in 3.2 seconds")).isEmpty();
  }
}
