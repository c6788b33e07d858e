package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.IncidentBundle;
import dev.warroom.store.SampleBundles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {
  @TempDir Path tmp;

  @Test
  void writtenBundleReadsBackEqual() {
    IncidentBundle b = SampleBundles.incident();
    BundleWriter.write(b, tmp);
    IncidentBundle back = BundleReader.read(tmp);
    assertThat(back.alert()).isEqualTo(b.alert());
    assertThat(back.manifest()).isEqualTo(b.manifest());
    assertThat(back.metrics()).containsExactlyInAnyOrderElementsOf(b.metrics());
    assertThat(back.logs()).containsExactlyElementsOf(b.logs());
    assertThat(back.spans()).containsExactlyElementsOf(b.spans());
    assertThat(back.events()).containsExactlyInAnyOrderElementsOf(b.events());
    assertThat(back.topology()).isEqualTo(b.topology());
    assertThat(back.code()).isEqualTo(b.code());
  }
}
