package dev.warroom.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Issue 15 #9: a runbook nested about 2,000 deep made check and fmt die of StackOverflowError; it
 * is a diagnostic at the first too-deep token now.
 */
class DeepNestingTest {
  static String nested(int depth) {
    StringBuilder b = new StringBuilder("runbook deep \"deep\" {\n");
    b.append("parallel {\n".repeat(depth));
    b.append("conclude\n");
    b.append("}\n".repeat(depth));
    return b.append("}\n").toString();
  }

  @Test
  void blocksNestedThousandsDeepAreADiagnosticNotAStackOverflow() {
    CheckResult r = Runbooks.check(nested(2000), TestCatalog.actors());
    assertThat(r.diagnostics())
        .anySatisfy(
            d -> {
              assertThat(d.message()).contains("nested deeper than 100 levels");
              assertThat(d.line()).isEqualTo(101);
            });
    assertThatThrownBy(() -> Runbooks.format(nested(2000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested deeper than 100 levels");
  }

  @Test
  void deepExpressionsAndNotChainsToo() {
    String parens =
        "runbook p \"p\" {\nwhen "
            + "(".repeat(5000)
            + "true"
            + ")".repeat(5000)
            + "\nconclude\n}\n";
    String nots = "runbook n \"n\" {\nwhen " + "not ".repeat(5000) + "true\nconclude\n}\n";
    assertThat(Runbooks.parse(parens).diagnostics())
        .anySatisfy(d -> assertThat(d.message()).contains("nested deeper"));
    assertThat(Runbooks.parse(nots).diagnostics())
        .anySatisfy(d -> assertThat(d.message()).contains("nested deeper"));
  }

  @Test
  void ordinaryNestingIsUntouched() {
    assertThat(Runbooks.parse(nested(20)).ok()).isTrue();
    assertThat(Runbooks.format(nested(20))).contains("parallel {");
  }
}
