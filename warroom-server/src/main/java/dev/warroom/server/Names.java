package dev.warroom.server;

/** Names from requests (archive entries, fields) printed safely: quoted, control chars escaped. */
final class Names {
  private Names() {}

  /** {@code "a\nb"} for a name holding a newline; ANSI escapes become {@code \u001b}. */
  static String quoted(String name) {
    StringBuilder b = new StringBuilder("'");
    int limit = Math.min(name.length(), 200);
    for (int i = 0; i < limit; i++) {
      char c = name.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\'' -> b.append("\\'");
        case '\\' -> b.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append(name.length() > limit ? "…'" : "'").toString();
  }
}
