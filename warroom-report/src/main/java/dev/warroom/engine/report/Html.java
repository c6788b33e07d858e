package dev.warroom.engine.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * HTML escaping for text and attribute values (the OWASP rule #1 and #2 characters), and the
 * evidence links and name lists the HTML sections share.
 */
final class Html {
  private Html() {}

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab/newline have no place in a report page.
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append("&#xFFFD;");
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A fragment id for evidence {@code id}, safe in {@code id=} and {@code href="#..."}. */
  static String anchor(String evidenceId) {
    return "ev-" + evidenceId.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  static void list(StringBuilder h, String label, List<String> values) {
    if (!values.isEmpty()) {
      h.append("<p>")
          .append(escape(label))
          .append(": ")
          .append(
              values.stream()
                  .map(v -> "<code>" + escape(v) + "</code>")
                  .collect(Collectors.joining(", ")))
          .append("</p>\n");
    }
  }

  static String links(List<String> ids) {
    return ids.isEmpty() ? "" : " <span class=\"muted\">(evidence " + idLinks(ids) + ")</span>";
  }

  static String idLinks(List<String> ids) {
    return ids.stream().map(Html::link).collect(Collectors.joining(", "));
  }

  static String link(String id) {
    return "<a href=\"#" + Html.anchor(id) + "\">" + escape(id) + "</a>";
  }
}
