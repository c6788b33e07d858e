package dev.warroom.assist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The stand-in LLM: a scripted HTTP server (JDK HttpServer, loopback, free port) that speaks the
 * OpenAI chat-completions API ({@code POST /v1/chat/completions}) and the Anthropic messages API
 * ({@code POST /v1/messages}), answers with canned completions, and records every request body. No
 * model runs here; this is what the guards are tested against.
 */
public final class StandInLlmServer implements AutoCloseable {
  /** A canned reply: text, and optionally a tool call the model "asks" for. */
  public record Reply(String text, String toolName) {
    public static Reply text(String text) {
      return new Reply(text, null);
    }

    public static Reply toolCall(String text, String toolName) {
      return new Reply(text, toolName);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Function<JsonNode, Reply> script;

  public StandInLlmServer(Function<JsonNode, Reply> script) throws IOException {
    this.script = script;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::openAi);
    server.createContext("/v1/messages", this::anthropic);
    server.start();
  }

  /** Base URL for an OpenAI-compatible client ({@code http://127.0.0.1:PORT/v1}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public void script(Function<JsonNode, Reply> s) {
    this.script = s;
  }

  /** Every request body received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  public void clear() {
    requests.clear();
  }

  /** The text of every message of every request (system and user), JSON-decoded. */
  public List<String> promptTexts() throws IOException {
    List<String> out = new ArrayList<>();
    for (String body : requests) {
      JsonNode r = JSON.readTree(body);
      if (r.has("system")) {
        collect(r.get("system"), out);
      }
      for (JsonNode m : r.path("messages")) {
        collect(m.path("content"), out);
      }
    }
    return out;
  }

  private static void collect(JsonNode content, List<String> out) {
    if (content.isTextual()) {
      out.add(content.asText());
    } else {
      for (JsonNode part : content) {
        out.add(part.path("text").asText());
      }
    }
  }

  private void openAi(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(body);
    Reply reply = script.apply(JSON.readTree(body));
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-stand-in");
    root.put("object", "chat.completion");
    root.put("created", 0);
    root.put("model", "stand-in");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", reply.text());
    if (reply.toolName() != null) {
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", "call_1");
      call.put("type", "function");
      call.putObject("function").put("name", reply.toolName()).put("arguments", "{}");
      choice.put("finish_reason", "tool_calls");
    } else {
      choice.put("finish_reason", "stop");
    }
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", 1).put("completion_tokens", 1).put("total_tokens", 2);
    send(ex, root);
  }

  private void anthropic(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(body);
    Reply reply = script.apply(JSON.readTree(body));
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "msg_stand_in");
    root.put("type", "message");
    root.put("role", "assistant");
    root.put("model", "stand-in");
    ArrayNode content = root.putArray("content");
    content.addObject().put("type", "text").put("text", reply.text());
    if (reply.toolName() != null) {
      content
          .addObject()
          .put("type", "tool_use")
          .put("id", "toolu_1")
          .put("name", reply.toolName())
          .putObject("input");
    }
    root.put("stop_reason", reply.toolName() != null ? "tool_use" : "end_turn");
    root.putObject("usage").put("input_tokens", 1).put("output_tokens", 1);
    send(ex, root);
  }

  private static void send(HttpExchange ex, ObjectNode root) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(root);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
