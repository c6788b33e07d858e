package dev.warroom.dsl;

import java.util.regex.Pattern;

/** Validation of names in AST records, so that every AST the formatter prints can be parsed. */
final class Identifiers {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Identifiers() {}

  static String require(String name, String what) {
    if (name == null || !IDENTIFIER.matcher(name).matches() || TokenKind.isKeyword(name)) {
      throw new IllegalArgumentException(what + " is not an identifier: '" + name + "'");
    }
    return name;
  }
}
