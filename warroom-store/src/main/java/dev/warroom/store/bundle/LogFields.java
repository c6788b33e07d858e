package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.Severity;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What log records of any layout have in common: the names their fields go by, the level told by
 * the text when no field gives it, and the service behind a Kubernetes pod name.
 */
final class LogFields {
  private LogFields() {}

  /** Field names of the record's time (epoch s/ms/µs/ns by magnitude, or RFC 3339). */
  static boolean isTime(String f) {
    return switch (f) {
      case "ts",
          "timestamp",
          "time",
          "@timestamp",
          "@t",
          "Timestamp",
          "TimeUnixNano",
          "timeUnixNano",
          "time_unix_nano",
          "observedTimeUnixNano",
          "datetime",
          "date",
          "eventTime",
          "event_time",
          "logtime" ->
          true;
      default -> false;
    };
  }

  static boolean isLevel(String f) {
    return switch (f) {
      case "level",
          "severity",
          "lvl",
          "loglevel",
          "log.level",
          "levelname",
          "level_name",
          "severity_text",
          "severityText",
          "SeverityText",
          "@l" ->
          true;
      default -> false;
    };
  }

  static boolean isMessage(String f) {
    return switch (f) {
      case "message", "msg", "body", "Body", "@m", "@mt", "log" -> true;
      default -> false;
    };
  }

  /**
   * How strongly a field names the service: 1 a service field, 2 an application label, 3 a
   * container name, 4 a pod name (the service is the pod name less its hashes); 0 not a service
   * field.
   */
  static int serviceRank(String f) {
    return switch (f) {
      case "service", "service.name", "service_name", "serviceName" -> 1;
      case "app",
          "application",
          "app.kubernetes.io/name",
          "kubernetes.labels.app",
          "k8s.deployment.name" ->
          2;
      case "container", "container_name", "k8s.container.name", "kubernetes.container_name" -> 3;
      case "pod", "pod_name", "k8s.pod.name", "kubernetes.pod_name", "kubernetes.pod.name" -> 4;
      default -> 0;
    };
  }

  /** The service a field value names: a pod name loses its replica-set and pod hashes. */
  static String serviceOf(int rank, String value) {
    return rank == 4 ? serviceOfPod(value) : value;
  }

  // <deployment>-<replica-set hash>-<pod hash, 5>
  private static final Pattern DEPLOYMENT_POD =
      Pattern.compile("^(.+)-([0-9a-z]{5,10})-([0-9a-z]{5})$");
  // <statefulset>-<ordinal> or <daemonset>-<pod hash, 5>
  private static final Pattern ORDINAL_POD = Pattern.compile("^(.+)-([0-9]+|[0-9a-z]{5})$");

  /**
   * {@code cartservice-74f56fd4b-x8n2p} → {@code cartservice}; {@code redis-0} → {@code redis};
   * {@code node-exporter-x7k2p} → {@code node-exporter}; anything else unchanged. Kubernetes names
   * a Deployment's pods {@code <deployment>-<pod-template-hash>-<5 characters>}, both hashes from
   * an alphabet without vowels.
   */
  static String serviceOfPod(String pod) {
    Matcher m = DEPLOYMENT_POD.matcher(pod);
    if (m.matches() && hashLike(m.group(2)) && hashLike(m.group(3))) {
      return m.group(1);
    }
    m = ORDINAL_POD.matcher(pod);
    if (m.matches() && hashLike(m.group(2))) {
      return m.group(1);
    }
    return pod;
  }

  /** Kubernetes' generated suffixes use {@code bcdfghjklmnpqrstvwxz2456789}: no vowels. */
  private static boolean hashLike(String suffix) {
    for (int i = 0; i < suffix.length(); i++) {
      if ("aeiou".indexOf(suffix.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern KEY_LEVEL =
      Pattern.compile("(?i)\\b(?:level|lvl|severity|loglevel)\\s*[=:]\\s*\"?([A-Za-z]+)");
  private static final Pattern LEVEL_WORD =
      Pattern.compile(
          "\\b(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|FATAL|CRITICAL|PANIC"
              + "|Trace|Debug|Info|Warn|Warning|Error|Fatal|Critical)\\b");
  private static final Pattern ERROR_TEXT =
      Pattern.compile(
          "Exception\\b|Traceback \\(most recent call last\\)|\\bpanic:|\\b(?:error|fatal)\\b");
  private static final Pattern WARN_TEXT = Pattern.compile("\\bwarn(?:ing)?\\b");

  /**
   * The level a message's text tells when no field gives one: a {@code level=…} pair, else the
   * first level word ({@code ERROR}, {@code Warning}…), else an exception or the words error,
   * fatal, panic (ERROR), warn (WARN); INFO when nothing tells.
   */
  static Severity inferLevel(String message) {
    String head = message.length() > 2000 ? message.substring(0, 2000) : message;
    Matcher m = KEY_LEVEL.matcher(head);
    if (m.find()) {
      Severity s = parseOrNull(m.group(1));
      if (s != null) {
        return s;
      }
    }
    m = LEVEL_WORD.matcher(head);
    if (m.find()) {
      Severity s = parseOrNull(m.group(1));
      if (s != null) {
        return s;
      }
    }
    if (ERROR_TEXT
        .matcher(message.length() > 20000 ? message.substring(0, 20000) : message)
        .find()) {
      return Severity.ERROR;
    }
    return WARN_TEXT.matcher(head).find() ? Severity.WARN : Severity.INFO;
  }

  static Severity parseOrNull(String text) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Reads the fields of a JSON object nested in a message (Docker's {@code log}, a Kubernetes
   * {@code message} that holds the application's own JSON line) into {@code into}; fills only what
   * the outer record did not give.
   */
  static void readNested(JsonNode obj, NestedFields into) {
    obj.properties()
        .forEach(
            e -> {
              String f = e.getKey();
              JsonNode v = e.getValue();
              if (isMessage(f) && v.isTextual() && into.message == null) {
                into.message = v.textValue();
              } else if (isLevel(f) && v.isTextual() && into.level == null) {
                into.level = parseOrNull(v.textValue());
              } else if (isTime(f) && into.timeNode == null && (v.isTextual() || v.isNumber())) {
                into.timeNode = v;
              } else if (serviceRank(f) > 0 && v.isTextual() && !v.textValue().isBlank()) {
                into.service(serviceRank(f), serviceOf(serviceRank(f), v.textValue()));
              } else if (f.equals("kubernetes") || f.equals("resource") || f.equals("labels")) {
                readLabels(f, v, into);
              } else if (!into.attributes.containsKey(f)) {
                into.attributes.put(f, v.isValueNode() ? v.asText() : v.toString());
              }
            });
  }

  private static final com.fasterxml.jackson.core.JsonFactory FACTORY =
      new com.fasterxml.jackson.core.JsonFactory();

  /**
   * As {@link #readNested(JsonNode, NestedFields)} for an object held as text, read with the
   * streaming parser (no tree for the common flat object); false when the text is not one JSON
   * object.
   */
  static boolean readNestedText(String json, NestedFields into) {
    try (com.fasterxml.jackson.core.JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return false;
      }
      NestedFields found = new NestedFields(new java.util.LinkedHashMap<>());
      com.fasterxml.jackson.core.JsonToken t;
      while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String f = p.currentName();
        com.fasterxml.jackson.core.JsonToken v = p.nextToken();
        if (v == com.fasterxml.jackson.core.JsonToken.START_OBJECT
            || v == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
          JsonNode n = ModelJson.MAPPER.readTree(p);
          com.fasterxml.jackson.databind.node.ObjectNode one = ModelJson.MAPPER.createObjectNode();
          one.set(f, n);
          readNested(one, found);
        } else if (v == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
          field(f, p.getText(), true, found);
        } else if (v != com.fasterxml.jackson.core.JsonToken.VALUE_NULL) {
          field(f, p.getText(), false, found);
          if (isTime(f) && found.timeNode == null) {
            found.timeNode = ModelJson.MAPPER.getNodeFactory().numberNode(p.getDecimalValue());
          }
        }
      }
      if (t != com.fasterxml.jackson.core.JsonToken.END_OBJECT || p.nextToken() != null) {
        return false;
      }
      into.message = found.message;
      into.level = found.level;
      into.timeNode = found.timeNode;
      into.service = found.service;
      into.serviceRank = found.serviceRank;
      found.attributes.forEach(into.attributes::putIfAbsent);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static void field(String f, String text, boolean isString, NestedFields into) {
    if (isMessage(f) && isString && into.message == null) {
      into.message = text;
    } else if (isLevel(f) && isString && into.level == null) {
      into.level = parseOrNull(text);
    } else if (isTime(f) && into.timeNode == null && isString) {
      into.timeNode = ModelJson.MAPPER.getNodeFactory().textNode(text);
    } else if (serviceRank(f) > 0 && isString && !text.isBlank()) {
      into.service(serviceRank(f), serviceOf(serviceRank(f), text));
    } else if (!isTime(f) && !into.attributes.containsKey(f)) {
      into.attributes.put(f, text);
    }
  }

  /** Kubernetes metadata ({@code kubernetes.labels.app}, {@code kubernetes.pod_name}…). */
  static void readLabels(String prefix, JsonNode v, NestedFields into) {
    if (!v.isObject()) {
      return;
    }
    v.properties()
        .forEach(
            e -> {
              String f = prefix + "." + e.getKey();
              JsonNode x = e.getValue();
              if (x.isObject()) {
                readLabels(f, x, into);
                return;
              }
              String bare = e.getKey();
              int rank = serviceRank(f) > 0 ? serviceRank(f) : serviceRank(bare);
              if (bare.equals("app") && !f.endsWith("labels.app")) {
                rank = 2;
              }
              if (rank > 0 && x.isTextual() && !x.textValue().isBlank()) {
                into.service(rank, serviceOf(rank, x.textValue()));
              }
              if (x.isValueNode() && !into.attributes.containsKey(f)) {
                into.attributes.put(f, x.asText());
              }
            });
  }

  /** Fields gathered from nested objects. */
  static final class NestedFields {
    String message;
    Severity level;
    JsonNode timeNode;
    String service;
    int serviceRank = Integer.MAX_VALUE;
    final Map<String, String> attributes;

    NestedFields(Map<String, String> attributes) {
      this.attributes = attributes;
    }

    void service(int rank, String value) {
      if (rank < serviceRank) {
        serviceRank = rank;
        service = value;
      }
    }
  }
}
