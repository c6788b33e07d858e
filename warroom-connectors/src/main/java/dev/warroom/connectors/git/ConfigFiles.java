package dev.warroom.connectors.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration files read as flat key/value maps, so that a commit changing one can be told as the
 * keys it changed ({@code pool.size: 20 -> 5}): Java properties, dotenv files, and YAML (Helm
 * values, Kubernetes manifests, Spring and Micronaut configuration), whose nesting becomes dotted
 * keys and list positions {@code [i]}; a multi-document YAML file prefixes each document's keys
 * with its position when it has several.
 */
final class ConfigFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigFiles() {}

  /** Whether the path names a configuration file warroom can read as keys. */
  static boolean isConfig(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    String name = p.substring(p.lastIndexOf('/') + 1);
    return p.endsWith(".properties")
        || p.endsWith(".yaml")
        || p.endsWith(".yml")
        || name.equals(".env")
        || name.endsWith(".env");
  }

  /**
   * The keys of a configuration file (empty for null text).
   *
   * @throws IOException when the text does not parse as its format
   */
  static Map<String, String> keys(String path, String text) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".properties")) {
      Properties props = new Properties();
      props.load(new StringReader(text));
      for (String k : props.stringPropertyNames()) {
        out.put(k, props.getProperty(k));
      }
    } else if (p.endsWith(".yaml") || p.endsWith(".yml")) {
      List<JsonNode> docs = new ArrayList<>();
      try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
        while (it.hasNextValue()) {
          JsonNode d = it.nextValue();
          if (d != null && !d.isNull()) {
            docs.add(d);
          }
        }
      }
      for (int i = 0; i < docs.size(); i++) {
        flatten(docs.size() > 1 ? "[" + i + "]" : "", docs.get(i), out);
      }
    } else {
      for (String line : text.split("\r?\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        if (l.startsWith("export ")) {
          l = l.substring(7).strip();
        }
        int eq = l.indexOf('=');
        if (eq <= 0) {
          throw new IOException("not KEY=VALUE: " + l);
        }
        String v = l.substring(eq + 1).strip();
        if (v.length() >= 2
            && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        out.put(l.substring(0, eq).strip(), v);
      }
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e ->
                  flatten(
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      e.getValue(),
                      out));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        flatten(prefix + "[" + i + "]", n.get(i), out);
      }
    } else {
      out.put(prefix.isEmpty() ? "(value)" : prefix, n.isNull() ? "null" : n.asText());
    }
  }
}
