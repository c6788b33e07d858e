package dev.warroom.store.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warroom.model.Event;
import java.io.IOException;

/** Event files: Kubernetes Event lists (JSON) and generic change events (JSON lines). */
final class EventFiles {
  private EventFiles() {}

  /** {@code kubectl get events -o json}: a List/EventList with {@code items}, or a bare array. */
  static void readKubernetes(String rel, JsonNode doc, ReadContext ctx) {
    JsonNode items;
    String base;
    if (doc.isArray()) {
      items = doc;
      base = rel + "#/";
    } else if (doc.isObject() && doc.get("items") != null && doc.get("items").isArray()) {
      items = doc.get("items");
      base = rel + "#/items/";
    } else if (doc.isObject() && "Event".equals(doc.path("kind").asText())) {
      items = ModelJson.MAPPER.createArrayNode().add(doc);
      base = rel + "#";
    } else {
      ctx.problems.add(rel + "#: expected a Kubernetes event list (an object with \"items\")");
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      try {
        ctx.sink.event(KubernetesEvents.fromItem(items.get(i), ctx.ts));
      } catch (IllegalArgumentException | NullPointerException e) {
        ctx.problems.add(base + (base.endsWith("#") ? "/" : i + "/") + e.getMessage());
      }
    }
  }

  /** One change event per line, see {@link EventJson.eventFromJson}. */
  static void readChanges(String rel, LineReader lines, ReadContext ctx) throws IOException {
    int fileProblems = 0;
    while (lines.next()) {
      String problem = null;
      if (lines.tooLong()) {
        problem = "line longer than " + ReadContext.MAX_LINE + " bytes";
      } else if (!lines.isBlank()) {
        try {
          JsonNode n = ModelJson.MAPPER.readTree(lines.bytes, lines.start, lines.length);
          if (!n.isObject()) {
            problem = "expected a JSON object";
          } else {
            Event e = EventJson.eventFromJson(n, ctx.ts);
            ctx.sink.event(e);
          }
        } catch (IOException e) {
          problem = JsonProblems.message(e);
        } catch (IllegalArgumentException | NullPointerException e) {
          problem = "/" + e.getMessage();
        }
      }
      if (problem != null) {
        ctx.problems.at(rel, lines.lineNo, problem);
        if (ctx.problems.fileDone(++fileProblems)) {
          ctx.problems.add(rel + ": too many problems, rest of file skipped");
          return;
        }
      }
    }
  }
}
