package dev.warroom.experts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseExpertDigestTest {
  @Test
  void digestsStatementsThatDifferOnlyInLiteralsToOneText() {
    DatabaseExpert expert = new DatabaseExpert();

    String a = expert.digest("SELECT * FROM orders WHERE customer_id = 17 AND status = 'open'");
    String b = expert.digest("select * from orders where customer_id = 99 and status = 'paid';");

    assertThat(a).isEqualTo("SELECT * FROM orders WHERE customer_id = ? AND status = ?");
    assertThat(b.toLowerCase(java.util.Locale.ROOT))
        .isEqualTo(a.toLowerCase(java.util.Locale.ROOT));
    assertThat(expert.digest("DELETE FROM carts WHERE id IN (1, 2, 3)"))
        .isEqualTo("DELETE FROM carts WHERE id IN (?)");
  }

  @Test
  void rejectsAMissingStatement() {
    assertThatThrownBy(() -> new DatabaseExpert().digest(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sql");
  }
}
