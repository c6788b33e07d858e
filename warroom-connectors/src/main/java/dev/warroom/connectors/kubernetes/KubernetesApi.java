package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.connectors.HttpReader;
import dev.warroom.model.WarroomException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists Kubernetes API resources with plain GETs through the source's {@link HttpReader}: pages of
 * {@code limit} items, following each list's {@code metadata.continue} token until the server says
 * there is no more (the API's chunked list, KEP-365). Every path requested (selectors and continue
 * token included) is appended to the caller's {@code requested} list, which becomes the native
 * query of the result. A continue token that expired (410 Gone) restarts the list once, since the
 * pages already read belong to a snapshot the server no longer holds. A refused or failed list is a
 * {@link WarroomException} naming the source, the resource and the scope, with the RBAC rule that
 * would allow it when the server said 403.
 */
final class KubernetesApi {
  static final int PAGE = 500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpReader http;

  KubernetesApi(HttpReader http) {
    this.http = http;
  }

  /** One GET of a document (not a list), such as {@code /version}. */
  JsonNode get(String path, String what, List<String> requested) {
    requested.add(path);
    return parse(call(path, what, null), path);
  }

  /**
   * Every item of a list.
   *
   * @param collection the collection path ({@code /api/v1/namespaces/shop/pods})
   * @param params query parameters such as {@code labelSelector}, {@code fieldSelector}; null
   *     values are left out
   * @param what the resource, for errors ("pods in namespace shop")
   * @param resource the RBAC resource name ("pods", "replicasets.apps")
   */
  List<JsonNode> list(
      String collection,
      Map<String, String> params,
      String what,
      String resource,
      List<String> requested) {
    List<JsonNode> items = new ArrayList<>();
    String token = null;
    boolean restarted = false;
    do {
      Map<String, String> q = new LinkedHashMap<>();
      params.forEach(
          (k, v) -> {
            if (v != null && !v.isEmpty()) {
              q.put(k, v);
            }
          });
      q.put("limit", Integer.toString(PAGE));
      if (token != null) {
        q.put("continue", token);
      }
      String path = collection + "?" + query(q);
      requested.add(path);
      JsonNode doc;
      try {
        doc = parse(call(path, what, resource), path);
      } catch (WarroomException e) {
        if (token == null || restarted || !e.getMessage().contains(": HTTP 410")) {
          throw e;
        }
        // the continue token expired (the list's snapshot was compacted away): a consistent
        // list starts again from the first page, once
        restarted = true;
        items.clear();
        token = null;
        continue;
      }
      JsonNode page = doc.path("items");
      if (!page.isArray()) {
        throw new WarroomException.NonRetriable(
            http.source().name() + " (kubernetes) GET " + collection + ": not a list (no items)",
            null);
      }
      page.forEach(items::add);
      token = doc.path("metadata").path("continue").asText("");
    } while (token == null || !token.isEmpty()); // null: start (again) from the first page
    return items;
  }

  private String call(String path, String what, String resource) {
    try {
      return http.get(path).body();
    } catch (WarroomException e) {
      String msg = "cannot read " + what + ": " + e.getMessage();
      String source = http.source().name() + " (kubernetes)";
      if (e.getMessage() == null || !e.getMessage().contains(source)) {
        // a failure before any request (an unreadable token file) names no source yet
        msg = "source " + source + ": " + msg;
      }
      if (resource != null && e.getMessage() != null && e.getMessage().contains(": HTTP 403")) {
        msg +=
            " (the credentials need get/list/watch on "
                + resource
                + "; see the ClusterRole in docs/connectors-kubernetes-db.md)";
      } else if (e.getMessage() != null && e.getMessage().contains(": HTTP 401")) {
        msg += " (the token was refused: expired or wrong)";
      } else if (e.getMessage() != null && e.getMessage().contains(": HTTP 410")) {
        msg += " (the list changed too much while paging; try again)";
      }
      throw e instanceof WarroomException.Retriable
          ? new WarroomException.Retriable(msg, e)
          : new WarroomException.NonRetriable(msg, e);
    }
  }

  private JsonNode parse(String body, String path) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new WarroomException.NonRetriable(
          http.source().name() + " (kubernetes) GET " + path + ": the answer is not JSON", e);
    }
  }

  private static String query(Map<String, String> q) {
    StringBuilder b = new StringBuilder();
    q.forEach(
        (k, v) -> {
          if (b.length() > 0) {
            b.append('&');
          }
          b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return b.toString();
  }
}
