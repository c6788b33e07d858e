package dev.warroom.engine.actors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.FaultClass;
import org.junit.jupiter.api.Test;

class LogCategoriesTest {

  @Test
  void blamesTheCalleeOfAFiveHundredFromADependency() {
    String body =
        "Exception on /payment [POST]\nTraceback (most recent call last):\n"
            + "requests.exceptions.HTTPError: 500 Server Error: Internal Server Error for url:"
            + " http://contacts:8080/contacts";
    var sig = LogCategories.of(body).orElseThrow();
    assertThat(sig.category()).isEqualTo("upstream");
    assertThat(LogCategories.blamesCallee(sig)).isTrue();
  }

  @Test
  void keepsConnectionErrorsAsCallerSymptomsThatBlameTheCallee() {
    var sig = LogCategories.of("dial tcp 10.0.0.7:8080: connect: connection refused").orElseThrow();
    assertThat(sig.fault()).isNull();
    assertThat(LogCategories.calleeFault(sig)).isEqualTo(FaultClass.NETWORK_PARTITION);
  }

  @Test
  void aTimeoutIsNoFaultOfTheCallerButLatencyOfTheCallee() {
    var sig = LogCategories.of("upstream request timed out after 5000 ms").orElseThrow();
    assertThat(sig.category()).isEqualTo("timeout");
    assertThat(sig.fault()).isNull();
    assertThat(LogCategories.calleeFault(sig)).isEqualTo(FaultClass.NETWORK_LATENCY);
  }

  @Test
  void keepsTheFaultOfCategoriesThatAreTheLoggersOwn() {
    var sig = LogCategories.of("java.lang.OutOfMemoryError: Java heap space").orElseThrow();
    assertThat(sig.fault()).isEqualTo(FaultClass.MEMORY_EXHAUSTION);
    assertThat(LogCategories.blamesCallee(sig)).isFalse();
  }

  @Test
  void blamesTheCalleeOfALockWaitWithItsOwnFault() {
    var sig = LogCategories.of("canceling statement due to lock timeout").orElseThrow();
    assertThat(sig.fault()).isEqualTo(FaultClass.LOCK_CONTENTION);
    assertThat(LogCategories.calleeFault(sig)).isEqualTo(FaultClass.LOCK_CONTENTION);
  }
}
