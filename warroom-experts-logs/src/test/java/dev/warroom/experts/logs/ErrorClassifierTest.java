package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassifierTest {

  // Messages in the shape runtimes and libraries print them (gym services use the same).
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dial tcp 10.0.3.7:6379: connect: connection refused|CONNECTION_REFUSED",
        "java.net.SocketTimeoutException: Read timed out|TIMEOUT",
        "context deadline exceeded while calling payment|TIMEOUT",
        "dial tcp: lookup redis.shop.svc.cluster.local: no such host|DNS",
        "javax.net.ssl.SSLHandshakeException: PKIX path validation failed: certificate expired|TLS",
        "java.lang.OutOfMemoryError: Java heap space|OUT_OF_MEMORY",
        "write /var/lib/data/wal.log: no space left on device|DISK_FULL",
        "HTTP 401 Unauthorized: invalid credentials for user svc-cart|AUTH",
        "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null|NULL_DEREFERENCE",
        "TypeError: Cannot read properties of undefined (reading 'id')|NULL_DEREFERENCE",
        "upstream returned 429 Too Many Requests|RATE_LIMITED",
        "Deadlock found when trying to get lock; try restarting transaction|DEADLOCK",
        "HikariPool-1 - Connection is not available, request timed out after 30000ms|POOL_EXHAUSTED",
        "exec /usr/local/bin/app: exec format error|EXEC_FORMAT",
        "Invalid configuration: missing required property db.url|CONFIGURATION",
        "Unhandled exception in request handler|UNHANDLED_EXCEPTION",
        "GET /cart 200 12ms|OTHER",
        "proxy:5070 close, 403 bytes sent, 429 bytes received|OTHER",
      })
  void classifiesRuntimeMessages(String line, ErrorCategory want) {
    assertThat(ErrorClassifier.classify(line)).isEqualTo(want);
  }
}
