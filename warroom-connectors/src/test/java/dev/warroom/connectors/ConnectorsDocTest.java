package dev.warroom.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sources file of docs/connectors-kubernetes-db.md parses and every entry opens (no entry's
 * host exists here, so this also shows that opening contacts nothing).
 */
class ConnectorsDocTest {
  @Test
  void theDocumentedSourcesFileParsesAndEveryEntryOpens() throws Exception {
    Path doc = Path.of("..", "docs", "connectors-kubernetes-db.md");
    String text = Files.readString(doc);
    int start = text.indexOf("```yaml\nsources:");
    assertThat(start).as("a yaml block starting with sources:").isNotNegative();
    String yaml = text.substring(start + 8, text.indexOf("```", start + 8));
    List<SourceConfig> sources = SourcesFile.parse(doc.toString(), yaml);
    assertThat(sources)
        .extracting(s -> s.type().id())
        .containsExactly("kubernetes", "kubernetes", "postgres", "mysql", "git");
    try (CompositeStore all = Connectors.open(sources)) {
      assertThat(all.stores())
          .extracting(s -> s.getClass().getSimpleName())
          .containsExactly(
              "KubernetesStore", "KubernetesStore", "PostgresStore", "MySqlStore", "GitCodeStore");
      assertThat(all.stores())
          .extracting(s -> ((LiveStore) s).source().name())
          .containsExactly("cluster", "cluster-remote", "orders-db", "catalog-db", "code");
    }
  }
}
