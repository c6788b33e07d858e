package dev.warroom.experts.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeFaultBenchTest {

  private static Path bundle(Path dir, String truthService, String codeRef) throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("code/frontend"));
    Files.createDirectories(dir.resolve("code/catalog"));
    Files.writeString(dir.resolve("code/frontend/handlers.go"), "package main\n".repeat(80));
    Files.writeString(dir.resolve("code/catalog/handlers.go"), "package main\n".repeat(80));
    Files.writeString(
        dir.resolve("truth.json"),
        "{\"fault\":\"bad_deploy\",\"root_cause_service\":\""
            + truthService
            + "\",\"code_ref\":\""
            + codeRef
            + "\"}");
    String local =
        "{\"ts\":\"2026-03-22T19:27:20Z\",\"service\":\"frontend\",\"level\":\"ERROR\","
            + "\"message\":\"request failed: validation failed: field \\\"currency\\\": required (handlers.go:49)\"}\n";
    String remote =
        "{\"ts\":\"2026-03-22T19:27:21Z\",\"service\":\"catalog\",\"level\":\"ERROR\","
            + "\"message\":\"failed to call frontend.Home: rpc error: code = Internal desc = x (handlers.go:12)\"}\n";
    String info =
        "{\"ts\":\"2026-03-22T19:27:22Z\",\"service\":\"catalog\",\"level\":\"INFO\","
            + "\"message\":\"served (handlers.go:70)\"}\n";
    Files.writeString(
        dir.resolve("logs/logs.jsonl"), local.repeat(5) + remote.repeat(9) + info.repeat(50));
    return dir;
  }

  @Test
  void scoresAHitOnlyForTheRightServiceAndLine(@TempDir Path dir) throws Exception {
    var hit =
        CodeFaultBench.evaluate(bundle(dir.resolve("a"), "frontend", "handlers.go:49"))
            .orElseThrow();
    assertThat(hit.hit()).isTrue();
    assertThat(hit.traces()).isEqualTo(14);
    var wrongService =
        CodeFaultBench.evaluate(bundle(dir.resolve("b"), "catalog", "handlers.go:49"))
            .orElseThrow();
    assertThat(wrongService.hit()).isFalse();
    assertThat(wrongService.predicted()).isEqualTo("frontend:handlers.go:49");
  }

  @Test
  void skipsBundlesWhoseTruthNamesNoCodeLine(@TempDir Path dir) throws Exception {
    assertThat(CodeFaultBench.evaluate(bundle(dir, "frontend", ""))).isEmpty();
  }
}
