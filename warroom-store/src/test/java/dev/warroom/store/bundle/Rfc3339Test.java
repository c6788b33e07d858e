package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
  @Test
  void formatsExactlyLikeInstantToStringAndParsesBack() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long secs = r.nextLong(0, 253402300800L);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            case 2 -> r.nextInt(1_000_000) * 1000;
            default -> r.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(secs, nanos);
      StringBuilder sb = new StringBuilder();
      Rfc3339.format(sb, t);
      assertThat(sb.toString()).isEqualTo(t.toString());
      assertThat(Rfc3339.parse(sb.toString())).isEqualTo(t);
    }
  }
}
