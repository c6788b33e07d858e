package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.FaultClass;
import org.junit.jupiter.api.Test;

class LogCategoriesTest {

  @Test
  void readsTheExceptionLineOfAPythonTracebackNotTheFrames() {
    String body =
        "Exception on /home [GET]\nTraceback (most recent call last):\n"
            + "  File \"/app/app/dns_timeout.py\", line 12, in call\n    ...\n"
            + "requests.exceptions.SSLError: certificate verify failed: certificate has expired";
    var sig = LogCategories.of(body).orElseThrow();
    assertThat(sig.category()).isEqualTo("tls");
    assertThat(sig.fault()).isEqualTo(FaultClass.TLS_EXPIRED);
  }

  @Test
  void treatsAFiveHundredFromADependencyAsUpstreamNotACodeException() {
    String body =
        "Exception on /payment [POST]\nTraceback (most recent call last):\n"
            + "requests.exceptions.HTTPError: 500 Server Error: Internal Server Error for url:"
            + " http://contacts:8080/contacts";
    var sig = LogCategories.of(body).orElseThrow();
    assertThat(sig.category()).isEqualTo("upstream");
    assertThat(LogCategories.blamesCallee(sig)).isTrue();
  }

  @Test
  void readsErrorCodesWrittenAsIdentifiers() {
    var sig =
        LogCategories.of("call to userservice failed after error: rate_limited").orElseThrow();
    assertThat(sig.fault()).isEqualTo(FaultClass.RATE_LIMITED);
  }

  @Test
  void prefersLockWaitOverGenericTimeout() {
    var sig = LogCategories.of("canceling statement due to lock timeout").orElseThrow();
    assertThat(sig.fault()).isEqualTo(FaultClass.LOCK_CONTENTION);
  }

  @Test
  void keepsConnectionErrorsAsCallerSymptomsThatBlameTheCallee() {
    var sig = LogCategories.of("dial tcp 10.0.0.7:8080: connect: connection refused").orElseThrow();
    assertThat(sig.fault()).isNull();
    assertThat(LogCategories.calleeFault(sig)).isEqualTo(FaultClass.NETWORK_PARTITION);
  }

  @Test
  void namesNoCategoryForRoutineLines() {
    assertThat(LogCategories.of("Started Application in 3.2 seconds")).isEmpty();
  }
}
