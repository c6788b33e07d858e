package dev.warroom.assist.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.assist.StandInLlmServer;
import dev.warroom.assist.StandInLlmServer.Reply;
import dev.warroom.assist.TestReports;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
  @Test
  void isOffWithoutAProvider() {
    assertThat(LlmSettings.fromEnv(Map.of())).isEmpty();
  }

  @Test
  void readsAnOpenAiCompatibleEndpointAndUserNames() {
    LlmSettings s =
        LlmSettings.fromEnv(
                Map.of(
                    "WARROOM_LLM_PROVIDER", "openai",
                    "WARROOM_LLM_BASE_URL", "http://localhost:11434/v1",
                    "WARROOM_LLM_MODEL", "llama3.1:8b",
                    "WARROOM_REDACT_USERS", "jsmith, maria.garcia"))
            .orElseThrow();
    assertThat(s.provider()).isEqualTo(LlmSettings.Provider.OPENAI);
    assertThat(s.redactUsers()).containsExactly("jsmith", "maria.garcia");
    assertThat(s.redactor().redact("jsmith logged in").text())
        .isEqualTo("[redacted user] logged in");
  }

  @Test
  void failsFastOnBadConfiguration() {
    assertThatThrownBy(() -> LlmSettings.fromEnv(Map.of("WARROOM_LLM_PROVIDER", "gpt")))
        .hasMessageContaining("unknown provider 'gpt'");
    assertThatThrownBy(
            () ->
                LlmSettings.fromEnv(
                    Map.of("WARROOM_LLM_PROVIDER", "openai", "WARROOM_LLM_MODEL", "m")))
        .hasMessageContaining("WARROOM_LLM_BASE_URL is not set");
    assertThatThrownBy(
            () ->
                LlmSettings.fromEnv(
                    Map.of(
                        "WARROOM_LLM_PROVIDER", "openai",
                        "WARROOM_LLM_MODEL", "m",
                        "WARROOM_LLM_BASE_URL", "localhost:11434")))
        .hasMessageContaining("must be an http(s) URL");
    assertThatThrownBy(
            () ->
                LlmSettings.fromEnv(
                    Map.of(
                        "WARROOM_LLM_PROVIDER", "openai",
                        "WARROOM_LLM_MODEL", "m",
                        "WARROOM_LLM_BASE_URL", "http://h/v1",
                        "WARROOM_LLM_TIMEOUT_SECONDS", "soon")))
        .hasMessageContaining("WARROOM_LLM_TIMEOUT_SECONDS");
  }

  @Test
  void bedrockIsConfigurationOnlyAndSaysSo() {
    LlmSettings s =
        LlmSettings.fromEnv(
                Map.of(
                    "WARROOM_LLM_PROVIDER", "bedrock",
                    "WARROOM_LLM_MODEL", "anthropic.claude-3-haiku"))
            .orElseThrow();
    assertThatThrownBy(s::chatModel)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not bundle langchain4j-bedrock");
  }

  @Test
  void talksToAnAnthropicEndpointWithoutOfferingTools() throws IOException {
    try (StandInLlmServer standIn =
        new StandInLlmServer(r -> Reply.text("checkout's connection pool is exhausted."))) {
      LlmSettings s =
          LlmSettings.fromEnv(
                  Map.of(
                      "WARROOM_LLM_PROVIDER", "anthropic",
                      "WARROOM_LLM_BASE_URL", standIn.baseUrl() + "/",
                      "WARROOM_LLM_MODEL", "stand-in",
                      "WARROOM_LLM_API_KEY", "stand-in"))
              .orElseThrow();
      AssistText t = Assistant.of(s).summary(TestReports.poolExhaustion());
      assertThat(t.error()).isNull();
      assertThat(t.kept()).containsExactly("checkout's connection pool is exhausted.");
      JsonNode request = new ObjectMapper().readTree(standIn.requests().get(0));
      assertThat(request.has("tools") || request.has("tool_choice")).isFalse();
      assertThat(standIn.promptTexts().get(0)).isEqualTo(EvidencePrompt.RULES);
    }
  }
}
