package dev.warroom.experts.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredicateColumnsTest {
  private final PredicateColumns predicates = new PredicateColumns();

  @Test
  void putsEqualityColumnsBeforeOneRangeColumn() {
    assertThat(
            predicates.proposals(
                "select * from orders where created_at > $1 and customer_id = $2 and status = 'open' and note <> 'x'"))
        .containsExactly(
            new IndexProposal("orders", List.of("customer_id", "status", "created_at")));
  }

  @Test
  void resolvesAliasesAndJoinKeys() {
    assertThat(
            predicates.proposals(
                "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = ?"))
        .containsExactlyInAnyOrder(
            new IndexProposal("customers", List.of("id", "email")),
            new IndexProposal("orders", List.of("customer_id")));
  }

  @Test
  void readsUpdateAndDeletePredicatesAndIgnoresLeadingWildcardLike() {
    assertThat(predicates.proposals("update stock set qty = qty - 1 where sku = 'A'"))
        .containsExactly(new IndexProposal("stock", List.of("sku")));
    assertThat(predicates.proposals("delete from sessions where expires_at < now()"))
        .containsExactly(new IndexProposal("sessions", List.of("expires_at")));
    assertThat(predicates.proposals("select * from users where name like '%son'")).isEmpty();
  }

  @Test
  void rendersReviewableDdl() {
    assertThat(new IndexProposal("orders", List.of("customer_id", "status")).ddl())
        .isEqualTo("CREATE INDEX idx_orders_customer_id_status ON orders (customer_id, status)");
  }
}
