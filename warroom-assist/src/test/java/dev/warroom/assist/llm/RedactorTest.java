package dev.warroom.assist.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = Redactor.withUserNames(Corpora.USERS);

  @Test
  void corpusHasAtLeastFiftyCasesOfEveryKind() {
    List<Corpora.Pii> cases = Corpora.pii();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
    assertThat(cases.stream().map(Corpora.Pii::kind).distinct())
        .contains(
            "email", "aws", "github", "jwt", "bearer", "secret", "apikey", "card", "ipv4", "ipv6",
            "user");
  }

  @Test
  void redactsEveryValueOfTheCorpus() {
    List<String> leaks = new ArrayList<>();
    for (Corpora.Pii c : Corpora.pii()) {
      Redactor.Result r = redactor.redact(c.planted());
      if (r.text().contains(c.secret()) || r.total() == 0) {
        leaks.add(c.kind() + ": " + c.text() + " -> " + r.text());
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void leavesTimestampsVersionsIdsAndClockTimesAlone() {
    List<String> changed = new ArrayList<>();
    for (String text : Corpora.lines("pii-negatives.txt")) {
      String out = redactor.redact(text).text();
      if (!out.equals(text)) {
        changed.add(text + " -> " + out);
      }
    }
    assertThat(changed).isEmpty();
  }

  @Test
  void namesWhatItReplacedWithoutDigits() {
    Redactor.Result r = redactor.redact("alice@example.com from 10.0.0.1 card 4111111111111111");
    assertThat(r.text()).isEqualTo("[redacted email] from [redacted ipv4] card [redacted card]");
    assertThat(r.counts())
        .containsEntry(Redactor.Kind.EMAIL, 1)
        .containsEntry(Redactor.Kind.IPV4, 1)
        .containsEntry(Redactor.Kind.CARD, 1);
  }

  @Test
  void checksCardsWithLuhnAndIpv6WithItsGrammar() {
    assertThat(Redactor.luhn("4111111111111111")).isTrue();
    assertThat(Redactor.luhn("4111111111111112")).isFalse();
    assertThat(Ipv6.valid("2001:db8::1")).isTrue();
    assertThat(Ipv6.valid("10:12:03")).isFalse();
    assertThat(Ipv6.valid("1::2::3")).isFalse();
    assertThat(Ipv6.valid("::ffff:192.0.2.128")).isTrue();
  }

  @Test
  void rejectsAUserNameTooShortToRedactSafely() {
    assertThatThrownBy(() -> Redactor.withUserNames(List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too short");
  }
}
