package dev.warroom.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterTest {
  private Router router;

  @BeforeAll
  void train() {
    router = Router.trained();
  }

  // Hand-written inputs in the shape real tools emit; none comes from the corpus generators.
  static final String ZIPKIN =
      """
      [{"traceId":"5af7183fb1d4cf5f","parentId":"6b221d5bc9e6496c","id":"352bff9a74ca9ad2",\
      "kind":"CLIENT","name":"query","timestamp":1556604172355737,"duration":1431,\
      "localEndpoint":{"serviceName":"backend","ipv4":"192.168.99.1","port":3306},\
      "remoteEndpoint":{"serviceName":"mysql"}}]""";

  static final String K8S =
      """
      {
          "apiVersion": "v1",
          "items": [
              {
                  "apiVersion": "v1",
                  "count": 5,
                  "involvedObject": {"kind": "Pod", "name": "cart-7d9f8b6c5d-x2x9q"},
                  "kind": "Event",
                  "message": "Back-off restarting failed container cart in pod cart-7d9f8b6c5d-x2x9q",
                  "reason": "BackOff",
                  "type": "Warning"
              }
          ],
          "kind": "List"
      }""";

  static final String PYTHON_TRACE =
      """
      Traceback (most recent call last):
        File "/srv/app/handlers.py", line 88, in post
          order = Order.objects.get(pk=order_id)
        File "/usr/local/lib/python3.12/site-packages/django/db/models/query.py", line 649, in get
          raise self.model.DoesNotExist(
      orders.models.Order.DoesNotExist: Order matching query does not exist.""";

  static final String GO_PANIC =
      """
      panic: runtime error: slice bounds out of range [:5] with capacity 3

      goroutine 42 [running]:
      github.com/shop/cart/internal/store.(*Redis).Get(0xc000123456, {0x1a2b3c, 0x4})
      \t/build/internal/store/redis.go:57 +0x1f4
      main.main()
      \t/build/cmd/cart/main.go:31 +0x85""";

  static final String PROMETHEUS =
      """
      # HELP go_goroutines Number of goroutines that currently exist.
      # TYPE go_goroutines gauge
      go_goroutines{job="cart",instance="10.0.3.7:8080"} 87 1700000000000
      go_goroutines{job="cart",instance="10.0.3.8:8080"} 91 1700000000000
      """;

  static final String PG_PLAN =
      """
      Seq Scan on orders  (cost=0.00..18334.00 rows=1000000 width=37) \
      (actual time=0.011..112.400 rows=1000000 loops=1)
        Filter: (customer_id = 42)
      Planning Time: 0.081 ms
      Execution Time: 150.3 ms""";

  static final String JAVA_SOURCE =
      """
      package shop.cart;

      public class CartService {
        private CartRepository repository;

        public Cart load(String userId) {
          return repository.findByUser(userId).orElseThrow();
        }
      }
      """;

  @Test
  void routesHandWrittenDocumentsToTheirExperts() {
    assertThat(router.route(ZIPKIN).kind()).isEqualTo(InputKind.TRACE_ZIPKIN_JSON);
    assertThat(router.route(K8S).kind()).isEqualTo(InputKind.K8S_EVENTS);
    assertThat(router.route(K8S).experts()).containsExactly("events");
    assertThat(router.route(PYTHON_TRACE).kind()).isEqualTo(InputKind.STACK_TRACE_PYTHON);
    assertThat(router.route(PYTHON_TRACE).experts()).containsExactly("code", "logs");
    assertThat(router.route(GO_PANIC).kind()).isEqualTo(InputKind.STACK_TRACE_GO);
    assertThat(router.route(PROMETHEUS).kind()).isEqualTo(InputKind.METRICS_PROMETHEUS);
    assertThat(router.route(PG_PLAN).kind()).isEqualTo(InputKind.SQL_PLAN);
    assertThat(router.route(JAVA_SOURCE).kind()).isEqualTo(InputKind.SOURCE_JAVA);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-05-02 10:15:03.412  WARN 1 --- [nio-8080-exec-4] c.s.cart.CartController"
            + "  : cart 981 not found | LOG_JAVA",
        "Mar  3 04:12:55 web-1 nginx[812]: worker process 815 exited on signal 9 | LOG_SYSLOG",
        "level=error ts=2024-05-02T10:15:03Z msg=\"scrape failed\" target=node-exporter"
            + " | LOG_LOGFMT",
        "{\"time\":\"2024-05-02T10:15:03Z\",\"level\":\"error\",\"msg\":\"db timeout\","
            + "\"service\":\"orders\"} | LOG_JSON_LINES",
        "10.1.2.3 - - [02/May/2024:10:15:03 +0000] \"GET /api/cart HTTP/1.1\" 502 157"
            + " | LOG_ACCESS",
        "2024-05-02 10:15:03,412 - payments.worker - ERROR - charge failed for order 77"
            + " | LOG_PYTHON",
        "SELECT o.id, o.total FROM orders o WHERE o.customer_id = $1 ORDER BY o.created_at"
            + " | SQL_STATEMENT",
      })
  void routesSingleLinesByTheirLayout(String line, InputKind expected) {
    assertThat(router.route(line).kind()).isEqualTo(expected);
  }

  @Test
  void isLessSureOfAnAmbiguousWordThanOfATraceDocument() {
    Route ambiguous = router.route("ok");
    Route zipkin = router.route(ZIPKIN);
    assertThat(zipkin.confidence()).isGreaterThan(0.9);
    assertThat(ambiguous.confidence()).isLessThan(zipkin.confidence());
    assertThat(zipkin.alternatives()).hasSize(3);
    assertThat(zipkin.alternatives().get(0).kind()).isEqualTo(zipkin.kind());
  }

  @Test
  void rejectsBlankInput() {
    assertThatThrownBy(() -> router.route("  \n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }
}
