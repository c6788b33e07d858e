package dev.warroom.connectors.opensearch;

import dev.warroom.store.UnsupportedQueryException;

/**
 * Turns a {@link dev.warroom.store.LogQuery} regex (Java syntax, "matches somewhere in the body")
 * into a Lucene {@code regexp} query value, which must match the whole term. Lucene's syntax
 * (org.apache.lucene.util.automaton.RegExp, used with {@code flags: NONE} so that {@code # @ & ~ <
 * >} are plain characters) shares literals, classes, {@code . * + ? {n,m} | ( )} and {@code \d \s
 * \w} with Java; the pattern is wrapped in {@code .*( … ).*} unless anchored with {@code ^} or
 * {@code $}, and a double quote (a string literal in Lucene) is escaped. Java-only constructs
 * (lookaround, inline flags, word boundaries, back references, Unicode properties) cannot be pushed
 * down and are refused rather than approximated.
 */
final class LuceneRegex {
  private LuceneRegex() {}

  static String of(String javaRegex) {
    String re = javaRegex;
    boolean anchoredStart = re.startsWith("^");
    if (anchoredStart) {
      re = re.substring(1);
    }
    boolean anchoredEnd = re.endsWith("$") && !escaped(re, re.length() - 1);
    if (anchoredEnd) {
      re = re.substring(0, re.length() - 1);
    }
    StringBuilder out = new StringBuilder(re.length() + 8);
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        char n = re.charAt(i + 1);
        if ("bBAzZQEpPGk".indexOf(n) >= 0 || Character.isDigit(n)) {
          throw unsupported(javaRegex, "\\" + n);
        }
        out.append(c).append(n);
        i++;
      } else if (c == '(' && i + 1 < re.length() && re.charAt(i + 1) == '?') {
        throw unsupported(javaRegex, "(?");
      } else if (c == '^' || c == '$') {
        if (i > 0 && re.charAt(i - 1) == '[' && c == '^') {
          out.append(c); // a negated class
        } else {
          throw unsupported(javaRegex, String.valueOf(c) + " inside the pattern");
        }
      } else if (c == '"') {
        out.append("\\\"");
      } else {
        out.append(c);
      }
    }
    return (anchoredStart ? "" : ".*") + "(" + out + ")" + (anchoredEnd ? "" : ".*");
  }

  private static boolean escaped(String s, int at) {
    int n = 0;
    for (int i = at - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      n++;
    }
    return n % 2 == 1;
  }

  private static UnsupportedQueryException unsupported(String re, String what) {
    return new UnsupportedQueryException(
        "regex '" + re + "' uses " + what + ", which Lucene regexp queries do not support");
  }
}
