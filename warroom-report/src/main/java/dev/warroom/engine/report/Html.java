package dev.warroom.engine.report;

/** HTML escaping for text and attribute values (OWASP rule #1 and #2 characters). */
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
}
