package dev.warroom.connectors.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.Restart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rollout history of workloads, read the way {@code kubectl rollout history} reads it: each
 * ReplicaSet a Deployment controls is one revision (annotation {@code
 * deployment.kubernetes.io/revision}) holding that revision's pod template, and so is each
 * ControllerRevision of a StatefulSet or DaemonSet (field {@code revision}, template in {@code
 * data}). Consecutive revisions are compared:
 *
 * <ul>
 *   <li>a container image changed: a {@link Deploy} with the old and new image (version = the new
 *       tag or digest);
 *   <li>otherwise an environment value or a resource request/limit changed: one {@link
 *       ConfigChange} per key ({@code <container>.env.FOO}, {@code
 *       <container>.resources.limits.memory});
 *   <li>otherwise only {@code kubectl rollout restart}'s annotation changed: a {@link Restart};
 *   <li>anything else in the template: a {@link ConfigChange} of key {@code podTemplate}.
 * </ul>
 *
 * A revision's time is its ReplicaSet's creation; a rollback re-uses an older ReplicaSet, so its
 * time is the Deployment's {@code Progressing} condition update naming that ReplicaSet, else the
 * ReplicaSet's latest managed-field update.
 */
final class RolloutHistory {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  private RolloutHistory() {}

  /** Workload kinds whose revisions are read, in owner-reference spelling. */
  static final List<String> OWNERS = List.of("Deployment", "StatefulSet", "DaemonSet");

  /**
   * The changes of every workload, in no particular order.
   *
   * @param deployments Deployments read (their Progressing condition dates a rollback)
   * @param revisions ReplicaSets (Deployment revisions) and ControllerRevisions (StatefulSet and
   *     DaemonSet revisions), mixed
   */
  static List<Event> changes(
      List<JsonNode> deployments, List<JsonNode> revisions, ServiceResolver services) {
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode d : deployments) {
      byKey.put("Deployment|" + KubeJson.key(d), d);
    }
    Map<String, List<JsonNode>> byOwner = new LinkedHashMap<>();
    for (JsonNode r : revisions) {
      for (String kind : OWNERS) {
        String owner = KubeJson.owner(r, kind);
        if (owner != null && revision(r) > 0) {
          byOwner
              .computeIfAbsent(
                  kind + "|" + KubeJson.key(KubeJson.namespace(r), owner), k -> new ArrayList<>())
              .add(r);
          break;
        }
      }
    }
    List<Event> out = new ArrayList<>();
    for (var e : byOwner.entrySet()) {
      List<JsonNode> rss = e.getValue();
      rss.sort(Comparator.comparingLong(RolloutHistory::revision));
      String kind = e.getKey().substring(0, e.getKey().indexOf('|'));
      String name = e.getKey().substring(e.getKey().indexOf('/') + 1);
      JsonNode deployment = byKey.get(e.getKey());
      String service =
          deployment != null
              ? services.ofWorkload(deployment)
              : services.ofTemplate(
                  template(rss.get(rss.size() - 1)), kind, KubeJson.namespace(rss.get(0)), name);
      for (int i = 0; i < rss.size(); i++) {
        JsonNode prev = i == 0 ? null : rss.get(i - 1);
        JsonNode cur = rss.get(i);
        Instant at = when(cur, prev, deployment);
        if (at != null) {
          out.addAll(compare(at, service, kind, name, prev, cur));
        }
      }
    }
    return out;
  }

  static long revision(JsonNode rs) {
    if (rs.path("revision").canConvertToLong()) {
      return rs.path("revision").asLong(); // a ControllerRevision
    }
    try {
      return Long.parseLong(
          Objects.requireNonNullElse(KubeJson.text(rs, "metadata", "annotations", REVISION), "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Instant when(JsonNode cur, JsonNode prev, JsonNode deployment) {
    Instant created = KubeJson.time(cur, "metadata", "creationTimestamp");
    Instant prevCreated =
        prev == null ? null : KubeJson.time(prev, "metadata", "creationTimestamp");
    if (created == null || prevCreated == null || !created.isBefore(prevCreated)) {
      return created;
    }
    // a rollback: this ReplicaSet is older than the revision it replaced
    if (deployment != null) {
      for (JsonNode c : deployment.path("status").path("conditions")) {
        if ("Progressing".equals(c.path("type").asText())
            && c.path("message").asText().contains("\"" + KubeJson.name(cur) + "\"")) {
          Instant t = KubeJson.time(c, "lastUpdateTime");
          if (t != null) {
            return t;
          }
        }
      }
    }
    Instant latest = null;
    for (JsonNode f : cur.path("metadata").path("managedFields")) {
      Instant t = KubeJson.time(f, "time");
      if (t != null && (latest == null || t.isAfter(latest))) {
        latest = t;
      }
    }
    return latest;
  }

  private static List<Event> compare(
      Instant at, String service, String kind, String workload, JsonNode prev, JsonNode cur) {
    boolean replicaSet = kind.equals("Deployment");
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(Character.toLowerCase(kind.charAt(0)) + kind.substring(1), workload);
    attrs.put("namespace", KubeJson.namespace(cur));
    attrs.put(replicaSet ? "replicaSet" : "controllerRevision", KubeJson.name(cur));
    attrs.put("revision", Long.toString(revision(cur)));
    String cause = KubeJson.text(cur, "metadata", "annotations", "kubernetes.io/change-cause");
    if (cause != null) {
      attrs.put("changeCause", cause);
    }
    Map<String, String> now = images(cur);
    if (prev == null) {
      var first = now.entrySet().iterator().next();
      attrs.put("container", first.getKey());
      return List.of(
          new Deploy(at, service, version(first.getValue()), first.getValue(), null, null, attrs));
    }
    attrs.put("previousRevision", Long.toString(revision(prev)));
    attrs.put(
        replicaSet ? "previousReplicaSet" : "previousControllerRevision", KubeJson.name(prev));
    Map<String, String> before = images(prev);
    for (var c : now.entrySet()) {
      String old = before.get(c.getKey());
      if (!c.getValue().equals(old)) {
        attrs.put("container", c.getKey());
        if (old != null) {
          attrs.put("previousImage", old);
        }
        return List.of(
            new Deploy(
                at,
                service,
                version(c.getValue()),
                c.getValue(),
                old == null ? null : version(old),
                null,
                attrs));
      }
    }
    List<Event> out = new ArrayList<>();
    Map<String, String> settingsBefore = settings(prev);
    Map<String, String> settingsNow = settings(cur);
    for (String key : union(settingsBefore, settingsNow)) {
      String a = settingsBefore.get(key);
      String b = settingsNow.get(key);
      if (!Objects.equals(a, b)) {
        out.add(new ConfigChange(at, service, key, a, b, null, attrs));
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    JsonNode annNow = template(cur).path("metadata").path("annotations");
    JsonNode annBefore = template(prev).path("metadata").path("annotations");
    if (!Objects.equals(
        KubeJson.text(annNow, RESTARTED_AT), KubeJson.text(annBefore, RESTARTED_AT))) {
      return List.of(new Restart(at, service, null, "kubectl rollout restart", null, attrs));
    }
    return List.of(
        new ConfigChange(
            at,
            service,
            "podTemplate",
            "revision " + revision(prev),
            "revision " + revision(cur),
            null,
            attrs));
  }

  /**
   * The pod template of a revision: a ReplicaSet's {@code spec.template}; a ControllerRevision
   * keeps it in {@code data.spec.template} (the patch a StatefulSet or DaemonSet is restored with).
   */
  static JsonNode template(JsonNode revision) {
    return revision.has("data")
        ? revision.path("data").path("spec").path("template")
        : revision.path("spec").path("template");
  }

  /** Container name to image, in template order (init containers after the app's). */
  private static Map<String, String> images(JsonNode rs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : template(rs).path("spec").path(list)) {
        out.put(c.path("name").asText("?"), c.path("image").asText(""));
      }
    }
    if (out.isEmpty()) {
      out.put("?", "");
    }
    return out;
  }

  /** Literal env values and resource requests/limits of each container, by dotted key. */
  private static Map<String, String> settings(JsonNode rs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode c : template(rs).path("spec").path("containers")) {
      String name = c.path("name").asText("?");
      for (JsonNode env : c.path("env")) {
        String v =
            env.has("value")
                ? env.path("value").asText()
                : env.has("valueFrom") ? "valueFrom " + env.path("valueFrom") : "";
        out.put(name + ".env." + env.path("name").asText("?"), v);
      }
      for (String kind : List.of("limits", "requests")) {
        c.path("resources")
            .path(kind)
            .fields()
            .forEachRemaining(
                r ->
                    out.put(name + ".resources." + kind + "." + r.getKey(), r.getValue().asText()));
      }
    }
    return out;
  }

  private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
    java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  /** The tag of an image reference, or its digest (shortened) when pinned; "latest" when bare. */
  static String version(String image) {
    if (image.isEmpty()) {
      return "unknown";
    }
    int at = image.indexOf('@');
    if (at >= 0) {
      String digest = image.substring(at + 1);
      return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    return colon < 0 ? "latest" : last.substring(colon + 1);
  }
}
