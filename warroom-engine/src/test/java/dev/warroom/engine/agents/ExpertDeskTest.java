package dev.warroom.engine.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.experts.InputKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpertDeskTest {
  private final ExpertDesk desk = ExpertDesk.defaults();

  @Test
  void routesAStackTraceToTheCodeExpertAndSaysSo() {
    ExpertDesk.Routing r =
        desk.route(
            """
            java.lang.NullPointerException: Cannot invoke "Cart.total()" because "cart" is null
            \tat com.shop.checkout.CheckoutService.pay(CheckoutService.java:88)
            \tat com.shop.checkout.CheckoutController.post(CheckoutController.java:41)
            """);
    assertThat(r.kind()).isEqualTo(InputKind.STACK_TRACE_JAVA);
    assertThat(r.sendsTo("code")).isTrue();
    assertThat(r.describe()).startsWith("routed as stack_trace_java (").contains("to code, logs");
  }

  @Test
  void routesASqlStatementToTheDatabaseExpertNotTheCodeExpert() {
    ExpertDesk.Routing r =
        desk.route("SELECT id, amount FROM transactions WHERE account_id = 42 ORDER BY id");
    assertThat(r.sendsTo("db")).isTrue();
    assertThat(r.sendsTo("code")).isFalse();
  }

  @Test
  void anUnsureRouteChoosesNoExpert() {
    ExpertDesk.Routing unsure = new ExpertDesk.Routing(InputKind.LOG_PLAIN, 0.3, List.of());
    assertThat(unsure.sendsTo("logs")).isFalse();
    assertThat(unsure.describe()).contains("no expert (unsure)");
  }

  @Test
  void blankTextIsRefused() {
    assertThatThrownBy(() -> desk.route("  \n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void longTextIsSampledNotRefused() {
    String lines = "2026-03-10 06:48:31 ERROR [main] c.s.Pay - payment failed\n".repeat(500);
    assertThat(desk.route(lines).experts()).contains("logs");
  }
}
