package dev.warroom.gym;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.ComponentKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes a system as a JSON topology file (format in docs/gym.md): nodes with
 * architecture and size, services with kind, language, replicas, limits, base latency, external
 * traffic and placement, and endpoints with the calls they make. Every problem names the file and
 * the JSON path of the offending element ({@code services[3].endpoints[0].calls[1]}).
 */
public final class SystemFile {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SystemFile() {}

  /**
   * A built-in topology by name, a random one ({@code random:SEED[:N]}, {@link RandomSystems}), or
   * a topology file when the argument is a path to one.
   */
  public static SystemSpec resolve(String nameOrPath) {
    if (RandomSystems.isRandom(nameOrPath)) {
      return RandomSystems.parse(nameOrPath);
    }
    if (SystemCatalog.names().contains(nameOrPath)) {
      return SystemCatalog.get(nameOrPath);
    }
    if (nameOrPath.endsWith(".json") || Files.exists(Path.of(nameOrPath))) {
      return read(Path.of(nameOrPath));
    }
    return SystemCatalog.get(nameOrPath);
  }

  public static SystemSpec read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such topology file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(text, file.toString());
  }

  /** Parses the text of a topology file; {@code src} names it in messages. */
  static SystemSpec parse(String text, String src) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          src + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    }
    return parse(root, src);
  }

  static SystemSpec parse(JsonNode root, String src) {
    String at = src;
    try {
      List<SystemSpec.Node> nodes = new ArrayList<>();
      int i = 0;
      for (JsonNode n : array(root, "nodes")) {
        at = src + ": nodes[" + i++ + "]";
        nodes.add(
            new SystemSpec.Node(
                text(n, "name"),
                n.path("arch").asText("amd64"),
                n.path("cpus").asInt(4),
                n.path("memory_gib").asDouble(16),
                n.path("zone").asText("")));
      }
      List<SystemSpec.Service> services = new ArrayList<>();
      i = 0;
      for (JsonNode s : array(root, "services")) {
        String sAt = src + ": services[" + i++ + "]";
        at = sAt;
        List<SystemSpec.Endpoint> eps = new ArrayList<>();
        int j = 0;
        for (JsonNode e : array(s, "endpoints")) {
          String eAt = sAt + ".endpoints[" + j++ + "]";
          at = eAt;
          List<SystemSpec.Call> calls = new ArrayList<>();
          int k = 0;
          for (JsonNode c : e.path("calls")) {
            at = eAt + ".calls[" + k++ + "]";
            calls.add(
                new SystemSpec.Call(
                    text(c, "service"),
                    text(c, "endpoint"),
                    c.path("count").asDouble(1),
                    c.path("async").asBoolean(false)));
          }
          at = eAt;
          eps.add(
              new SystemSpec.Endpoint(
                  text(e, "name"),
                  e.path("weight").asDouble(0),
                  e.path("statement").asText(""),
                  calls));
        }
        at = sAt;
        List<String> placement = new ArrayList<>();
        s.path("placement").forEach(p -> placement.add(p.asText()));
        ComponentKind kind;
        try {
          kind = ComponentKind.valueOf(s.path("kind").asText("service").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "kind must be one of service, database, cache, queue, load_balancer, external: '"
                  + s.path("kind").asText()
                  + "'");
        }
        services.add(
            new SystemSpec.Service(
                text(s, "name"),
                kind,
                s.path("language").asText(""),
                s.path("replicas").asInt(1),
                s.path("cpu_limit").asDouble(1),
                s.path("memory_limit_mib").asDouble(512),
                s.path("base_latency_ms").asDouble(5),
                s.path("entry_rps").asDouble(0),
                placement,
                eps));
      }
      at = src;
      return new SystemSpec(
          text(root, "name"), root.path("description").asText(""), nodes, services);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode array(JsonNode o, String field) {
    JsonNode a = o.get(field);
    if (a == null || !a.isArray() || a.isEmpty()) {
      throw new IllegalArgumentException("'" + field + "' must be a non-empty array");
    }
    return a;
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException("missing string field '" + field + "'");
    }
    return n.asText();
  }

  /** The system as a topology file. */
  public static String toJson(SystemSpec sys) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("name", sys.name()).put("description", sys.description());
    ArrayNode nodes = root.putArray("nodes");
    for (SystemSpec.Node n : sys.nodes()) {
      nodes
          .addObject()
          .put("name", n.name())
          .put("arch", n.arch())
          .put("cpus", n.cpus())
          .put("memory_gib", n.memoryGib())
          .put("zone", n.zone());
    }
    ArrayNode services = root.putArray("services");
    for (SystemSpec.Service s : sys.services()) {
      ObjectNode o =
          services
              .addObject()
              .put("name", s.name())
              .put("kind", s.kind().name().toLowerCase(Locale.ROOT))
              .put("language", s.language())
              .put("replicas", s.replicas())
              .put("cpu_limit", s.cpuLimit())
              .put("memory_limit_mib", s.memoryLimitMib())
              .put("base_latency_ms", s.baseLatencyMs())
              .put("entry_rps", s.entryRps());
      ArrayNode pl = o.putArray("placement");
      s.placement().forEach(pl::add);
      ArrayNode eps = o.putArray("endpoints");
      for (SystemSpec.Endpoint e : s.endpoints()) {
        ObjectNode eo = eps.addObject().put("name", e.name()).put("weight", e.weight());
        if (!e.statement().isEmpty()) {
          eo.put("statement", e.statement());
        }
        ArrayNode calls = eo.putArray("calls");
        for (SystemSpec.Call c : e.calls()) {
          calls
              .addObject()
              .put("service", c.service())
              .put("endpoint", c.endpoint())
              .put("count", c.count())
              .put("async", c.async());
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
