package dev.warroom.cli;

import dev.warroom.assist.llm.LlmSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which LLM to use: the {@code WARROOM_LLM_*} environment (docs/assist.md), overridden by these
 * options. The API key is read from the environment only, never from the command line.
 */
final class LlmOptions {
  @Option(
      names = "--llm-provider",
      paramLabel = "NAME",
      description =
          "openai (any OpenAI-compatible endpoint), anthropic or bedrock"
              + " (default: $WARROOM_LLM_PROVIDER).")
  String provider;

  @Option(
      names = "--llm-url",
      paramLabel = "URL",
      description =
          "Base URL, e.g. http://localhost:11434/v1 for Ollama (default: $WARROOM_LLM_BASE_URL).")
  String baseUrl;

  @Option(
      names = "--llm-model",
      paramLabel = "MODEL",
      description = "Model name (default: $WARROOM_LLM_MODEL).")
  String model;

  /** The settings, or empty when no provider is configured. */
  Optional<LlmSettings> settings() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (provider != null) {
      env.put("WARROOM_LLM_PROVIDER", provider);
    }
    if (baseUrl != null) {
      env.put("WARROOM_LLM_BASE_URL", baseUrl);
    }
    if (model != null) {
      env.put("WARROOM_LLM_MODEL", model);
    }
    return LlmSettings.fromEnv(env);
  }

  /** The settings; a clear error when none are configured. */
  LlmSettings required() {
    return settings()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no LLM configured: set WARROOM_LLM_PROVIDER, WARROOM_LLM_BASE_URL and"
                        + " WARROOM_LLM_MODEL (or --llm-provider, --llm-url, --llm-model);"
                        + " see docs/assist.md"));
  }
}
