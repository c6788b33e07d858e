package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.model.IncidentBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymlinkedBundleTest {

  @Test
  void readsABundleReachedThroughASymbolicLinkLikeTheBundleItself(@TempDir Path dir)
      throws IOException {
    Path real = HandwrittenBundleTest.handwritten().toAbsolutePath();
    Path link = Files.createSymbolicLink(dir.resolve("linked-bundle"), real);

    IncidentBundle direct = BundleReader.read(real);
    IncidentBundle viaLink = BundleReader.read(link);

    assertThat(viaLink.logs()).hasSameSizeAs(direct.logs()).isNotEmpty();
    assertThat(viaLink.spans()).hasSameSizeAs(direct.spans()).isNotEmpty();
    assertThat(viaLink.metrics()).hasSameSizeAs(direct.metrics()).isNotEmpty();
    assertThat(viaLink.events()).hasSameSizeAs(direct.events()).isNotEmpty();
  }
}
