package dev.warroom.experts.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementNormalizerTest {
  private final StatementNormalizer normalizer = new StatementNormalizer();

  @Test
  void replacesLiteralsAndCollapsesInLists() {
    assertThat(
            normalizer.normalize(
                "select * from orders where customer_id = 42 and status in ('open', 'held', 'new') and amount > -3.5"))
        .isEqualTo("SELECT * FROM orders WHERE customer_id = ? AND status IN (?) AND amount > ?");
  }

  @Test
  void groupsEngineDigestsWithLiteralText() {
    String literal = "SELECT id FROM orders WHERE customer_id = 7 AND id IN (1,2,3)";
    assertThat(normalizer.key("select id from orders where customer_id = $1 and id in ($2, $3)"))
        .isEqualTo(normalizer.key(literal));
    assertThat(
            normalizer.key("SELECT `id` FROM `orders` WHERE `customer_id` = ? AND `id` IN (...)"))
        .isEqualTo(normalizer.key(literal));
  }

  @Test
  void collapsesMultiRowValues() {
    assertThat(normalizer.normalize("insert into t (a, b) values (1, 'x'), (2, 'y'), (3, 'z')"))
        .isEqualTo("INSERT INTO t (a, b) VALUES (?, ?)");
  }

  @Test
  void keepsColumnNegationAndFallsBackLexicallyOnUnparsableText() {
    assertThat(normalizer.normalize("select -price from items where id = 5"))
        .contains("-price")
        .endsWith("id = ?");
    assertThat(normalizer.normalize("SELECT /*+ weird hint */ FROM WHERE x = 'a' AND y = 12 !!"))
        .contains("x = ?")
        .contains("y = ?");
  }
}
