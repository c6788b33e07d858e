package dev.warroom.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warroom.connectors.db.MySqlStore;
import dev.warroom.connectors.db.PostgresStore;
import dev.warroom.connectors.git.GitCodeStore;
import dev.warroom.connectors.kubernetes.KubernetesStore;
import dev.warroom.store.TelemetryStore;
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
    for (SourceConfig s : sources) {
      TelemetryStore store =
          switch (s.type()) {
            case KUBERNETES -> KubernetesStore.open(s);
            case POSTGRES -> PostgresStore.open(s);
            case MYSQL -> MySqlStore.open(s);
            case GIT -> GitCodeStore.open(s);
            default -> throw new AssertionError("not documented here: " + s.type());
          };
      store.close();
    }
  }
}
