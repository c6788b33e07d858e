package dev.warroom.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.store.UnsupportedQueryException;
import org.junit.jupiter.api.Test;

class LuceneRegexTest {
  @Test
  void unanchoredPatternsMatchAnywhereInTheTerm() {
    assertThat(LuceneRegex.of("timeout after [0-9]+ ms"))
        .isEqualTo(".*(timeout after [0-9]+ ms).*");
    assertThat(LuceneRegex.of("a|b")).isEqualTo(".*(a|b).*");
  }

  @Test
  void anchorsDropTheWildcardOnTheirSide() {
    assertThat(LuceneRegex.of("^GET /x")).isEqualTo("(GET /x).*");
    assertThat(LuceneRegex.of("done$")).isEqualTo(".*(done)");
    assertThat(LuceneRegex.of("cost \\$")).isEqualTo(".*(cost \\$).*");
    assertThat(LuceneRegex.of("[^a-z]x")).isEqualTo(".*([^a-z]x).*");
  }

  @Test
  void quotesAreEscapedBecauseLuceneReadsThemAsStrings() {
    assertThat(LuceneRegex.of("say \"hi\"")).isEqualTo(".*(say \\\"hi\\\").*");
  }

  @Test
  void javaOnlyConstructsAreRefused() {
    assertThatThrownBy(() -> LuceneRegex.of("(?i)error"))
        .isInstanceOf(UnsupportedQueryException.class)
        .hasMessageContaining("(?");
    assertThatThrownBy(() -> LuceneRegex.of("(a)\\1")).hasMessageContaining("\\1");
    assertThatThrownBy(() -> LuceneRegex.of("a^b")).hasMessageContaining("^ inside the pattern");
  }
}
