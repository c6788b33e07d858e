package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MOCK Kubernetes API server: no real API server (kind, k3s, a kube-apiserver binary, Docker) can
 * run on this machine, so this JDK HTTP server serves recorded API objects ({@code
 * kubernetes/cluster.json}) the way kube-apiserver lists them (items without kind): cluster-wide
 * and per-namespace collection paths, equality field selectors on dotted paths, {@code key in
 * (a,b)} and {@code key=value} label selectors, chunked lists ({@code limit} and opaque {@code
 * continue} tokens, at most {@link #maxPage} items per page), bearer-token authentication (401) and
 * RBAC refusals (403 with the API's Status body). It refuses every verb but GET, as warroom must
 * never send one.
 */
final class MockKubernetesApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COLLECTION =
      Pattern.compile("^(/api/v1|/apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/([a-z]+)$");

  private final HttpServer server;
  private final String token;
  private final Map<String, List<JsonNode>> items = new LinkedHashMap<>();
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  final Set<String> forbidden = Collections.synchronizedSet(new HashSet<>());
  volatile int maxPage = Integer.MAX_VALUE;

  /** How many requests carrying a continue token answer 410 Gone (the token expired). */
  final java.util.concurrent.atomic.AtomicInteger expireTokens =
      new java.util.concurrent.atomic.AtomicInteger();

  MockKubernetesApiServer(String fixture, String token) throws IOException {
    this.token = token;
    try (InputStream in = MockKubernetesApiServer.class.getResourceAsStream(fixture)) {
      JsonNode doc = JSON.readTree(in);
      doc.fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().startsWith("_")) {
                  List<JsonNode> list = new ArrayList<>();
                  e.getValue().forEach(list::add);
                  items.put(e.getKey(), list);
                }
              });
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          try {
            handle(ex);
          } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
          }
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String raw = ex.getRequestURI().getRawPath();
      String rawQuery = ex.getRequestURI().getRawQuery();
      requests.add(ex.getRequestMethod() + " " + raw + (rawQuery == null ? "" : "?" + rawQuery));
      if (!ex.getRequestMethod().equals("GET")) {
        send(ex, 405, status(405, "MethodNotAllowed", "the mock API server only reads"));
        return;
      }
      if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        send(ex, 401, status(401, "Unauthorized", "Unauthorized"));
        return;
      }
      if (raw.equals("/version")) {
        ObjectNode v = JSON.createObjectNode();
        v.put("major", "1").put("minor", "31").put("gitVersion", "v1.31.4");
        v.put("platform", "linux/amd64");
        send(ex, 200, v);
        return;
      }
      Matcher m = COLLECTION.matcher(raw);
      if (!m.matches() || !items.containsKey(m.group(1) + "|" + m.group(3))) {
        send(ex, 404, status(404, "NotFound", "the server could not find the requested resource"));
        return;
      }
      String resource = m.group(3);
      if (forbidden.contains(resource)) {
        String scope =
            m.group(2) == null ? "at the cluster scope" : "in the namespace \"" + m.group(2) + "\"";
        send(
            ex,
            403,
            status(
                403,
                "Forbidden",
                resource
                    + " is forbidden: User \"system:serviceaccount:warroom:warroom\" cannot list"
                    + " resource \""
                    + resource
                    + "\" in API group \"\" "
                    + scope));
        return;
      }
      Map<String, String> q = query(rawQuery);
      if (q.containsKey("continue") && expireTokens.getAndDecrement() > 0) {
        send(
            ex,
            410,
            status(
                410,
                "Expired",
                "The provided continue parameter is too old to display a consistent list result."
                    + " You can start a new list without the continue parameter."));
        return;
      }
      List<JsonNode> selected = new ArrayList<>();
      for (JsonNode item : items.get(m.group(1) + "|" + resource)) {
        if ((m.group(2) == null
                || m.group(2).equals(item.path("metadata").path("namespace").asText()))
            && fields(item, q.get("fieldSelector"))
            && labels(item, q.get("labelSelector"))) {
          selected.add(item);
        }
      }
      int from = q.containsKey("continue") ? Integer.parseInt(q.get("continue").substring(5)) : 0;
      int limit = Math.min(maxPage, Integer.parseInt(q.getOrDefault("limit", "100000")));
      int to = Math.min(selected.size(), from + limit);
      ObjectNode list = JSON.createObjectNode();
      list.put("kind", "List").put("apiVersion", "v1");
      ObjectNode md = list.putObject("metadata");
      md.put("resourceVersion", "88200");
      if (to < selected.size()) {
        md.put("continue", "page-" + to);
        md.put("remainingItemCount", selected.size() - to);
      }
      ArrayNode page = list.putArray("items");
      for (JsonNode item : selected.subList(from, to)) {
        // as kube-apiserver lists them: the items of a list carry no kind or apiVersion
        ObjectNode copy = item.deepCopy();
        copy.remove(List.of("kind", "apiVersion"));
        page.add(copy);
      }
      send(ex, 200, list);
    }
  }

  private static boolean fields(JsonNode item, String selector) {
    if (selector == null) {
      return true;
    }
    for (String term : selector.split(",")) {
      boolean negate = term.contains("!=");
      String[] kv = term.split(negate ? "!=" : "=", 2);
      JsonNode cur = item;
      for (String p : kv[0].split("\\.")) {
        cur = cur.path(p);
      }
      if (cur.asText("").equals(kv[1]) == negate) {
        return false;
      }
    }
    return true;
  }

  private static boolean labels(JsonNode item, String selector) {
    if (selector == null) {
      return true;
    }
    JsonNode labels = item.path("metadata").path("labels");
    Matcher in = Pattern.compile("^([^ ]+) in \\((.*)\\)$").matcher(selector);
    if (in.matches()) {
      return List.of(in.group(2).split(",")).contains(labels.path(in.group(1)).asText(""));
    }
    String[] kv = selector.split("=", 2);
    return kv[1].equals(labels.path(kv[0]).asText(""));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null) {
      for (String p : raw.split("&")) {
        String[] kv = p.split("=", 2);
        out.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static ObjectNode status(int code, String reason, String message) {
    ObjectNode s = JSON.createObjectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    return s;
  }

  private static void send(HttpExchange ex, int code, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    ex.getResponseBody().write(bytes);
  }
}
