package dev.warroom.store.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.IncidentBundle;
import dev.warroom.model.InvalidInputException;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class OtlpJsonImportTest {
  @Test
  void parsesAnOtlpTraceRequestAndKeepsTheStoredManifest() throws IOException {
    byte[] body =
        Files.readAllBytes(HandwrittenBundleTest.handwritten().resolve("traces/otlp.json"));
    IncidentBundle b = OtlpJsonImport.parse(body, "POST /v1/traces");
    assertThat(b.spans()).hasSize(2);
    assertThat(b.alert()).isNull();
    try (DuckDbStore store = DuckDbStore.inMemory()) {
      store.ingest(HandwrittenBundleTest.handwritten(), ProgressListener.NONE);
      store.ingest(b);
      assertThat(store.summary().spans()).isEqualTo(7);
      assertThat(store.manifest().name()).isEqualTo("handwritten");
      assertThat(store.alert()).isPresent();
    }
  }

  @Test
  void reportsProblemsWithPointersIntoTheRequest() {
    String body =
        "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"soon\",\"body\":{\"stringValue\":\"x\"}}]}]}]}";
    assertThatThrownBy(() -> OtlpJsonImport.parse(body.getBytes(), "POST /v1/logs"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "POST /v1/logs#/resourceLogs/0/scopeLogs/0/logRecords/0/timeUnixNano: expected integer nanoseconds, got 'soon'");
  }
}
