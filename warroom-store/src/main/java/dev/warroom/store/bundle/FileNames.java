package dev.warroom.store.bundle;

/**
 * File names as printed in diagnostics: a name is data from the bundle's author, so control
 * characters (an ANSI escape that recolours or clears a terminal, a newline that forges another
 * diagnostic line) are written as escapes ({@code \u001b}, {@code \n}).
 */
final class FileNames {
  private FileNames() {}

  static String printable(String name) {
    StringBuilder b = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean control = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
      if (control && b == null) {
        b = new StringBuilder(name.substring(0, i));
      }
      if (b != null) {
        switch (c) {
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (control) {
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
    }
    return b == null ? name : b.toString();
  }
}
