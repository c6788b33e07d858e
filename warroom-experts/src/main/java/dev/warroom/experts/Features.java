package dev.warroom.experts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The router's tokeniser: hashed binary features of the head of an input (its first {@link
 * #MAX_LINES} lines, {@link #LINE_CHARS} characters of each), in the spirit of language
 * identification by character n-grams (Cavnar and Trenkle 1994) with the hashing trick (Weinberger
 * et al. 2009):
 *
 * <ul>
 *   <li>character 3- and 4-grams after collapsing every run of digits to one {@code 0}, so
 *       timestamps and ids of any value look alike;
 *   <li>the shape of the first token of each line ({@code 0-0-0}, {@code [00:00:00]}, {@code
 *       Aaaa}), which is what tells log layouts apart;
 *   <li>a few structural facts: number of lines (bucketed), first and last non-blank character,
 *       whether every line starts alike.
 * </ul>
 */
final class Features {
  static final int DIMENSION = 1 << 17;

  /** Lines of the input looked at; a router decides from the head of a file. */
  static final int MAX_LINES = 30;

  /**
   * Characters of each line looked at, so that a table thousands of columns wide still shows its
   * rows, not just the start of its header.
   */
  static final int LINE_CHARS = 160;

  private Features() {}

  /** Sorted distinct feature ids of the text. */
  static int[] extract(String text) {
    List<String> lines = firstLines(text, MAX_LINES);
    StringBuilder headText = new StringBuilder();
    for (String line : lines) {
      headText.append(line, 0, Math.min(line.length(), LINE_CHARS)).append('\n');
    }
    String head = headText.toString();
    String norm = collapseDigits(head);
    int[] out = new int[norm.length() * 2 + 4 * lines.size() + 64];
    int n = 0;
    for (int len = 3; len <= 4; len++) {
      for (int i = 0; i + len <= norm.length(); i++) {
        out[n++] = hash(len, norm, i, i + len);
      }
    }
    int lineCount = 0;
    String firstShape = null;
    boolean sameShape = true;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      lineCount++;
      String shape = shape(line);
      if (n + 4 >= out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      out[n++] = hash('S', shape, 0, shape.length());
      // The layout of a log line is in its first few tokens (date, time, level, logger).
      String two = prefixShape(line, 2);
      String three = prefixShape(line, 3);
      out[n++] = hash('T', two, 0, two.length());
      out[n++] = hash('U', three, 0, three.length());
      // how lines end (';' '{' '}' in code, ',' or a digit in tables, ']' '}' in JSON)
      char end = line.stripTrailing().charAt(line.stripTrailing().length() - 1);
      out[n++] = hash('E', String.valueOf(Character.isDigit(end) ? '0' : end), 0, 1);
      if (firstShape == null) {
        firstShape = shape;
      } else if (!firstShape.equals(shape)) {
        sameShape = false;
      }
    }
    // whole words (keywords, JSON keys such as resourceMetrics vs resourceSpans), lower-cased
    int[] words = words(head);
    if (n + words.length + 8 >= out.length) {
      out = Arrays.copyOf(out, n + words.length + 8);
    }
    for (int w : words) {
      out[n++] = w;
    }
    String trimmed = head.strip();
    String table = tableShape(lines);
    String[] facts = {
      "table:" + table,
      "lines:" + bucket(lineCount),
      "first:" + (trimmed.isEmpty() ? "" : trimmed.charAt(0)),
      "last:" + (trimmed.isEmpty() ? "" : trimmed.charAt(trimmed.length() - 1)),
      "same-shape:" + (lineCount > 1 && sameShape)
    };
    if (n + facts.length >= out.length) {
      out = Arrays.copyOf(out, n + facts.length);
    }
    for (String f : facts) {
      out[n++] = hash('F', f, 0, f.length());
    }
    int[] ids = Arrays.copyOf(out, n);
    Arrays.sort(ids);
    int k = 0;
    for (int i = 0; i < ids.length; i++) {
      if (i == 0 || ids[i] != ids[i - 1]) {
        ids[k++] = ids[i];
      }
    }
    return Arrays.copyOf(ids, k);
  }

  /** Hashed lower-cased words of 2 to 24 letters/underscores. */
  static int[] words(String text) {
    List<Integer> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && !isWordChar(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < text.length() && isWordChar(text.charAt(i))) {
        i++;
      }
      if (i - start >= 2 && i - start <= 24) {
        String w = text.substring(start, i).toLowerCase(java.util.Locale.ROOT);
        out.add(hash('W', w, 0, w.length()));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  /** The first {@code max} lines of the text, without splitting the rest of it. */
  static List<String> firstLines(String text, int max) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from <= text.length() && out.size() < max) {
      int nl = text.indexOf('\n', from);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(from, end);
      out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      if (nl < 0) {
        break;
      }
      from = nl + 1;
    }
    return out;
  }

  static String collapseDigits(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (!digit) {
          sb.append('0');
        }
        digit = true;
      } else {
        sb.append(c);
        digit = false;
      }
    }
    return sb.toString();
  }

  /**
   * The shape of a line's first whitespace-delimited token (leading indentation kept as one {@code
   * _}): letters to {@code a}/{@code A}, digits to {@code 0}, runs collapsed, at most 24
   * characters.
   */
  static String shape(String line) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    if (i < line.length() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
      sb.append(line.charAt(0) == '\t' ? "_t" : "_s");
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
    }
    char prev = 0;
    for (; i < line.length() && sb.length() < 24; i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        break;
      }
      char m =
          Character.isDigit(c)
              ? '0'
              : Character.isUpperCase(c) ? 'A' : Character.isLetter(c) ? 'a' : c;
      if (m != prev) {
        sb.append(m);
      }
      prev = m;
    }
    return sb.toString();
  }

  /**
   * Whether the lines look like a delimited table: the number of commas per non-blank line (of the
   * first 20) when it is the same on every line, bucketed, else {@code ragged}; {@code none}
   * without commas. Commas inside double-quoted fields do not count (RFC 4180, where {@code ""} is
   * an escaped quote), so a header of quoted selectors such as {@code "up{job=""a"",pod=""b""}"}
   * has as many fields as its rows.
   */
  static String tableShape(List<String> lines) {
    int commas = -1;
    int seen = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      int c = 0;
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char ch = line.charAt(i);
        if (ch == '"') {
          quoted = !quoted;
        } else if (ch == ',' && !quoted) {
          c++;
        }
      }
      if (commas >= 0 && c != commas) {
        return "ragged";
      }
      commas = c;
      if (++seen == 20) {
        break;
      }
    }
    if (commas <= 0) {
      return "none";
    }
    return (seen > 1 ? "rows:" : "row:") + (commas == 1 ? "1" : commas <= 5 ? "2-5" : "6+");
  }

  /** Shapes of the first {@code tokens} whitespace-separated tokens, joined by a space. */
  static String prefixShape(String line, int tokens) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (int t = 0; t < tokens && i < line.length(); t++) {
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      int end = i;
      while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
        end++;
      }
      if (end == i) {
        break;
      }
      sb.append(t == 0 ? "" : " ").append(shape(line.substring(i, end)));
      i = end;
    }
    return sb.toString();
  }

  private static String bucket(int lines) {
    return lines <= 1 ? "1" : lines <= 3 ? "2-3" : lines <= 10 ? "4-10" : "11+";
  }

  /** FNV-1a over a tag and a slice of text, reduced to the feature dimension. */
  private static int hash(int tag, String s, int from, int to) {
    int h = 0x811c9dc5 ^ tag;
    h *= 0x01000193;
    for (int i = from; i < to; i++) {
      h ^= s.charAt(i);
      h *= 0x01000193;
    }
    return (h ^ (h >>> 15)) & (DIMENSION - 1);
  }
}
