package dev.warroom.assist.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which LLM to use, read from the environment. {@code WARROOM_LLM_PROVIDER} is {@code openai} (any
 * OpenAI-compatible endpoint: vLLM, Ollama, LM Studio, a gateway), {@code anthropic} or {@code
 * bedrock}; {@code WARROOM_LLM_BASE_URL} (e.g. {@code http://localhost:11434/v1} for Ollama),
 * {@code WARROOM_LLM_MODEL}, {@code WARROOM_LLM_API_KEY} (not needed by most local servers), {@code
 * WARROOM_LLM_TIMEOUT_SECONDS} (default 60), and {@code WARROOM_REDACT_USERS}, a comma-separated
 * list of user names to redact. With no provider set, the LLM is off.
 */
public record LlmSettings(
    Provider provider,
    String baseUrl,
    String model,
    String apiKey,
    Duration timeout,
    List<String> redactUsers) {
  /** The kinds of endpoint warroom can talk to. */
  public enum Provider {
    OPENAI,
    ANTHROPIC,
    BEDROCK
  }

  public LlmSettings {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(timeout, "timeout");
    redactUsers = List.copyOf(redactUsers);
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("WARROOM_LLM_MODEL is not set: name the model to use");
    }
    if (provider == Provider.OPENAI && (baseUrl == null || baseUrl.isBlank())) {
      throw new IllegalArgumentException(
          "WARROOM_LLM_BASE_URL is not set: an OpenAI-compatible endpoint needs its base URL,"
              + " e.g. http://localhost:11434/v1 for Ollama");
    }
    if (baseUrl != null && !baseUrl.isBlank()) {
      URI u;
      try {
        u = URI.create(baseUrl);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("WARROOM_LLM_BASE_URL is not a URL: '" + baseUrl + "'");
      }
      if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
        throw new IllegalArgumentException(
            "WARROOM_LLM_BASE_URL must be an http(s) URL with a host: '" + baseUrl + "'");
      }
    }
  }

  /** The settings in {@code env}, or empty when no provider is set (the LLM is off). */
  public static Optional<LlmSettings> fromEnv(Map<String, String> env) {
    String p = env.get("WARROOM_LLM_PROVIDER");
    if (p == null || p.isBlank()) {
      return Optional.empty();
    }
    Provider provider;
    try {
      provider = Provider.valueOf(p.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "WARROOM_LLM_PROVIDER: unknown provider '" + p + "' (openai, anthropic, bedrock)");
    }
    String timeout = env.getOrDefault("WARROOM_LLM_TIMEOUT_SECONDS", "60");
    long seconds;
    try {
      seconds = Long.parseLong(timeout.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "WARROOM_LLM_TIMEOUT_SECONDS: not a whole number of seconds: '" + timeout + "'");
    }
    if (seconds < 1) {
      throw new IllegalArgumentException("WARROOM_LLM_TIMEOUT_SECONDS < 1: " + seconds);
    }
    String users = env.getOrDefault("WARROOM_REDACT_USERS", "");
    return Optional.of(
        new LlmSettings(
            provider,
            env.get("WARROOM_LLM_BASE_URL"),
            env.get("WARROOM_LLM_MODEL"),
            env.get("WARROOM_LLM_API_KEY"),
            Duration.ofSeconds(seconds),
            Arrays.stream(users.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
  }

  /** The redactor these settings call for. */
  public Redactor redactor() {
    return Redactor.withUserNames(redactUsers);
  }

  /**
   * The LangChain4j chat model for these settings: temperature 0, no retries (a failed call costs
   * the LLM section only), no request logging (prompts hold telemetry).
   *
   * @throws IllegalArgumentException for Bedrock, which is accepted as configuration but not
   *     bundled: its LangChain4j module brings the AWS SDK; reach Bedrock through an
   *     OpenAI-compatible gateway instead
   */
  public ChatModel chatModel() {
    String key = apiKey == null || apiKey.isBlank() ? "none" : apiKey;
    return switch (provider) {
      case OPENAI ->
          OpenAiChatModel.builder()
              .baseUrl(baseUrl)
              .apiKey(key)
              .modelName(model)
              .temperature(0.0)
              .timeout(timeout)
              .maxRetries(0)
              .logRequests(false)
              .build();
      case ANTHROPIC -> {
        var b =
            AnthropicChatModel.builder()
                .apiKey(key)
                .modelName(model)
                .temperature(0.0)
                .maxTokens(1024)
                .timeout(timeout)
                .maxRetries(0);
        if (baseUrl != null && !baseUrl.isBlank()) {
          b.baseUrl(baseUrl);
        }
        yield b.build();
      }
      case BEDROCK ->
          throw new IllegalArgumentException(
              "WARROOM_LLM_PROVIDER=bedrock: configuration is accepted, but this build does not"
                  + " bundle langchain4j-bedrock (it brings the AWS SDK); point"
                  + " WARROOM_LLM_PROVIDER=openai at an OpenAI-compatible Bedrock gateway instead"
                  + " (see docs/assist.md)");
    };
  }
}
