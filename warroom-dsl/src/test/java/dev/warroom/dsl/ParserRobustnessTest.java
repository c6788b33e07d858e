package dev.warroom.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * Bad input never throws: random token soup and random mutilations of a valid runbook always come
 * back as diagnostics (seeded, so a failure reproduces).
 */
class ParserRobustnessTest {
  private static final List<String> PIECES =
      List.of(
          "runbook",
          "r",
          "\"t\"",
          "{",
          "}",
          "(",
          ")",
          "[",
          "]",
          ",",
          ".",
          ":",
          "=",
          "==",
          "!=",
          "<",
          ">=",
          "step",
          "hypothesis",
          "prior",
          "0.5",
          "2",
          "5m",
          "9x",
          "require",
          "parallel",
          "for",
          "in",
          "conclude",
          "and",
          "or",
          "not",
          "true",
          "when",
          "budget",
          "queries",
          "seconds",
          "alert",
          "impact_analysis",
          "service",
          "x",
          "# c\r\n",
          "\n",
          "\"open",
          "!",
          "&",
          "\\",
          "99999999999999999999999d",
          "é");

  @Test
  void randomTokenSoupYieldsDiagnosticsNotExceptions() {
    RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(7L);
    for (int i = 0; i < 2000; i++) {
      StringBuilder s = new StringBuilder();
      int n = r.nextInt(60);
      for (int k = 0; k < n; k++) {
        s.append(PIECES.get(r.nextInt(PIECES.size()))).append(r.nextBoolean() ? " " : "");
      }
      String text = s.toString();
      assertThatCode(() -> Runbooks.check(text, TestCatalog.actors()))
          .as(text)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void everyTruncationOfAValidRunbookIsDiagnosed() {
    String valid =
        "runbook t \"t\" {\n  when alert.signal in [a, b]\n  budget queries 5\n"
            + "  step impact = impact_analysis(service: alert.service, window: alert.window)\n"
            + "  hypothesis \"h\" prior 0.5 {\n    require impact.users > 1 and not false\n  }\n"
            + "  for s in impact.failing_services {\n    conclude\n  }\n}\n";
    assertThat(Runbooks.check(valid, TestCatalog.actors()).diagnostics()).isEmpty();
    // Any prefix that stops before the closing brace is missing something.
    for (int cut = 0; cut <= valid.lastIndexOf('}'); cut++) {
      String text = valid.substring(0, cut);
      assertThat(Runbooks.check(text, TestCatalog.actors()).ok()).as("%s", text).isFalse();
    }
  }
}
