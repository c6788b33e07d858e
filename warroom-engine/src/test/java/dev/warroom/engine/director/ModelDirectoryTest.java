package dev.warroom.engine.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
  private static FusionLearning.Candidate candidate(double w) {
    return new FusionLearning.Candidate(
        new RcaModel(Map.of("bias", w), Map.of("bias", w), Map.of(), 0.3, 0.25, "test " + w));
  }

  @Test
  void adoptsVersionsInOrderUsesAndRollsBack(@TempDir Path dir) throws Exception {
    ModelDirectory d = ModelDirectory.at(dir.resolve("models"));
    assertThat(d.list()).isEmpty();
    assertThat(d.active()).isEmpty();
    assertThat(d.adopt(candidate(1))).isEqualTo("v1");
    assertThat(d.adopt(candidate(2))).isEqualTo("v2");
    assertThat(d.active()).contains("v2");
    assertThat(d.list()).extracting(ModelDirectory.Version::name).containsExactly("v1", "v2");
    assertThat(d.list().get(1).active()).isTrue();
    // the stored file names its version, which a report then names
    assertThat(
            new ObjectMapper()
                .readTree(d.activeFile().orElseThrow().toFile())
                .path("version")
                .asText())
        .isEqualTo("v2");

    d.use("v1");
    assertThat(d.active()).contains("v1");
    assertThat(d.rollback()).isEqualTo("v2");
    assertThat(d.rollback()).isEqualTo("v1");
    assertThat(d.rollback()).isEqualTo("shipped");
    assertThat(d.active()).isEmpty();
    assertThat(d.activeFile()).isEmpty();
    assertThatThrownBy(d::rollback).hasMessageContaining("nothing to roll back to");
    assertThatThrownBy(() -> d.use("v9")).hasMessageContaining("v9").hasMessageContaining("v1, v2");
  }
}
