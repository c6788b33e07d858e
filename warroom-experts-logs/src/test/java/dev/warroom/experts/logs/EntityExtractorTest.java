package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

  static List<String> typed(String line) {
    return EntityExtractor.extract(line).stream().map(e -> e.type() + "=" + e.value()).toList();
  }

  @Test
  void extractsAddressesExceptionsPathsStatusesAndDurations() {
    assertThat(
            typed(
                "POST /api/v1/orders failed: status=503 after 1200 ms calling payment-7d9f8b6c4d-x2k9q"
                    + " at 10.0.3.7:8080 (java.net.ConnectException)"))
        .containsExactly(
            "URL_PATH=/api/v1/orders",
            "HTTP_STATUS=503",
            "DURATION=1200 ms",
            "POD=payment-7d9f8b6c4d-x2k9q",
            "ADDRESS=10.0.3.7:8080",
            "EXCEPTION=java.net.ConnectException");
  }

  @Test
  void extractsSqlIdsHostsAndServices() {
    assertThat(
            typed(
                "slow query SELECT * FROM orders WHERE user_id = ? trace_id=4bf92f3577b34da6a3ce929d0e0e4736"
                    + " service=checkout host db-1.prod.internal"))
        .containsExactly(
            "SQL=SELECT * FROM orders WHERE user_id = ?",
            "ID=4bf92f3577b34da6a3ce929d0e0e4736",
            "SERVICE=checkout",
            "HOST=db-1.prod.internal");
  }

  @Test
  void aCharacterBelongsToOneEntity() {
    assertThat(typed("connect to 192.168.1.20:5432 and 192.168.1.21"))
        .containsExactly("ADDRESS=192.168.1.20:5432", "IP=192.168.1.21");
  }
}
