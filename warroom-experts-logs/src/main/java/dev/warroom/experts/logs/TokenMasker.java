package dev.warroom.experts.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a log message into whitespace tokens and replaces the variable parts of each token with
 * {@code <*>}: numbers, hex, IPs, host:port, ids such as {@code blk_-695…}, paths and URLs,
 * timestamps and object identities ({@code Foo@3c0fd6f}). Punctuation that wraps a token ({@code
 * (…),}) and the keys of {@code key=value} pairs stay, so {@code (TID 12).} becomes {@code (TID
 * <*>).} — the form of Loghub's corrected templates.
 *
 * <p>Written as a single character scan without regular expressions: masking runs on every line
 * mined, and the hot path must stay well under a microsecond per line.
 */
final class TokenMasker {
  static final String WILDCARD = "<*>";

  private TokenMasker() {}

  /** Tokens of {@code line} split on runs of spaces and tabs, each masked. */
  static String[] mask(String line) {
    List<String> out = new ArrayList<>(16);
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      boolean digit = false;
      boolean slash = false;
      while (i < n && !isSpace(line.charAt(i))) {
        char c = line.charAt(i);
        digit |= c >= '0' && c <= '9';
        slash |= c == '/';
        i++;
      }
      String token = line.substring(start, i);
      if (!out.isEmpty() && isSizeUnit(token) && out.get(out.size() - 1).endsWith(WILDCARD)) {
        // "16.0 KB," is one value: the unit joins the number, its punctuation stays.
        out.set(out.size() - 1, out.get(out.size() - 1) + trailingPunctuation(token));
        continue;
      }
      out.add(digit || slash ? maskToken(token) : token);
    }
    String[] tokens = out.toArray(new String[0]);
    maskDateWords(tokens);
    return tokens;
  }

  /**
   * Month, weekday and zone names next to a masked number are part of a timestamp: "at Sun Jul 10
   * 03:04:05 2005" masks whole.
   */
  private static void maskDateWords(String[] tokens) {
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].length() == 3 && isDateWord(tokens[i])) {
        boolean prev = i > 0 && WILDCARD.equals(tokens[i - 1]);
        boolean next = i + 1 < tokens.length && WILDCARD.equals(tokens[i + 1]);
        boolean nextDate = i + 1 < tokens.length && isDateWord(tokens[i + 1]);
        if (prev || next || nextDate) {
          tokens[i] = WILDCARD;
        }
      }
    }
  }

  private static boolean isDateWord(String t) {
    return switch (t) {
      case "Jan",
          "Feb",
          "Mar",
          "Apr",
          "May",
          "Jun",
          "Jul",
          "Aug",
          "Sep",
          "Oct",
          "Nov",
          "Dec",
          "Mon",
          "Tue",
          "Wed",
          "Thu",
          "Fri",
          "Sat",
          "Sun",
          "UTC",
          "GMT",
          "EDT",
          "EST",
          "PDT",
          "PST",
          "CET" ->
          true;
      default -> false;
    };
  }

  /**
   * A 64-bit hash of the line's token sequence with each digit- or slash-bearing token masked as
   * {@link #maskToken} does, computed without building the tokens (FNV-1a over chars, then a
   * finalising mix). Lines with equal shape hashes mask to equal token sequences (the neighbour
   * rules of {@link #mask} are functions of this sequence), up to a 2^-64 collision chance per pair
   * — about 10^-8 for a million distinct shapes. This is the miner's hot path.
   */
  static long shapeHash(String line) {
    long h = 0xcbf29ce484222325L;
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      int start = i;
      long before = h;
      boolean special = false;
      // hash optimistically while scanning; a digit or slash sends the token to the masker
      while (i < n && !isSpace(c = line.charAt(i))) {
        special |= (c >= '0' && c <= '9') || c == '/';
        h = (h ^ c) * 0x100000001b3L;
        i++;
      }
      if (special) {
        h = before;
      }
      if (!special) {
        // already hashed
      } else if (isNumericLike(line, start, i)) {
        h = (h ^ 0xFFFF) * 0x100000001b3L;
      } else {
        String m = maskToken(line.substring(start, i));
        for (int k = 0; k < m.length(); k++) {
          h = (h ^ m.charAt(k)) * 0x100000001b3L;
        }
      }
      h = (h ^ 0xFFFE) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /** B, KB, MiB … optionally followed by closing punctuation. */
  static boolean isSizeUnit(String t) {
    int n = t.length();
    while (n > 0 && isClosing(t.charAt(n - 1))) {
      n--;
    }
    return switch (t.substring(0, n)) {
      case "B", "KB", "MB", "GB", "TB", "kB", "KiB", "MiB", "GiB", "TiB" -> true;
      default -> false;
    };
  }

  private static String trailingPunctuation(String t) {
    int n = t.length();
    while (n > 0 && isClosing(t.charAt(n - 1))) {
      n--;
    }
    return t.substring(n);
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** Masks one whitespace-free token that contains a digit or a slash. */
  static String maskToken(String token) {
    char c0 = token.charAt(0);
    if ((c0 == '<' || c0 == '>' || c0 == '~') && token.length() > 1) {
      // "<1 sec", ">5": a bound is still a number.
      String rest = token.substring(1);
      if (isNumericLike(rest)) {
        return WILDCARD;
      }
    }
    int start = 0;
    int end = token.length();
    while (start < end - 1 && isOpening(token.charAt(start))) {
      start++;
    }
    while (end > start + 1 && isClosing(token.charAt(end - 1))) {
      end--;
    }
    String core = token.substring(start, end);
    String masked = maskCore(core);
    if (masked == core) {
      return token;
    }
    if (masked == WILDCARD && start == 0 && end == token.length()) {
      return WILDCARD;
    }
    return token.substring(0, start) + masked + token.substring(end);
  }

  private static String maskCore(String core) {
    int eq = core.indexOf('=');
    if (eq > 0 && eq < core.length() - 1 && Character.isLetter(core.charAt(0))) {
      // key=value: the key is vocabulary, only the value may vary.
      String value = core.substring(eq + 1);
      String masked = maskCore(value);
      return masked == value ? core : core.substring(0, eq + 1) + masked;
    }
    if (isPathOrUrl(core) || isNumericLike(core) || isHostPort(core) || isObjectIdentity(core)) {
      return WILDCARD;
    }
    if (!hasDigit(core, 0, core.length())) {
      return core;
    }
    // Mask each digit-bearing segment between delimiters: "onExtend:15140" -> "onExtend:<*>",
    // "core.12345" -> "core.<*>", "uid=0" -> "uid=<*>".
    StringBuilder sb = new StringBuilder(core.length() + 8);
    int n = core.length();
    int segStart = 0;
    boolean letters = false;
    for (int i = 0; i <= n; i++) {
      if (i == n || isDelimiter(core.charAt(i))) {
        if (i > segStart) {
          if (hasDigit(core, segStart, i) && !isProtocolName(core, segStart, i)) {
            sb.append(WILDCARD);
          } else {
            sb.append(core, segStart, i);
            letters = true;
          }
        }
        if (i < n) {
          sb.append(core.charAt(i));
        }
        segStart = i + 1;
      }
    }
    // "<*>:<*>" or "<*>-<*>" with no word left is one variable.
    return letters ? sb.toString() : WILDCARD;
  }

  private static boolean isOpening(char c) {
    return c == '(' || c == '[' || c == '{' || c == '<' || c == '"' || c == '\'';
  }

  private static boolean isClosing(char c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == ']' || c == '}'
        || c == '>' || c == '"' || c == '\'';
  }

  private static boolean isDelimiter(char c) {
    return switch (c) {
      case '(', ')', '[', ']', '{', '}', ':', '=', ',', ';', '@', '#', '|', '.' -> true;
      default -> false;
    };
  }

  private static boolean hasDigit(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  /** {@code /var/log/x}, {@code hdfs://nn/a}: a path has two slashes or a scheme. */
  private static boolean isPathOrUrl(String s) {
    if (s.contains("://")) {
      return true;
    }
    if (s.length() > 1 && s.charAt(0) == '/') {
      return s.indexOf('/', 1) > 0 || hasDigit(s, 0, s.length());
    }
    return false;
  }

  /** Numbers, hex, IPs, dates, times and versions: only digits, hex letters and separators. */
  private static boolean isNumericLike(String s) {
    return isNumericLike(s, 0, s.length());
  }

  private static boolean isNumericLike(String s, int from, int to) {
    boolean digit = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (!((c >= 'a' && c <= 'f')
          || (c >= 'A' && c <= 'F')
          || c == 'x'
          || c == '.'
          || c == ':'
          || c == '-'
          || c == '+'
          || c == '_'
          || c == '/'
          || c == ',')) {
        return false;
      }
    }
    return digit;
  }

  /** {@code proxy.example.com:5070}: a dotted host name followed by a port number. */
  private static boolean isHostPort(String s) {
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1 || s.indexOf('.') < 0 || s.indexOf('.') > colon) {
      return false;
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    for (int i = 0; i < colon; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** {@code com.example.Foo@3c0fd6f}: Java's default toString of an object. */
  private static boolean isObjectIdentity(String s) {
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      return false;
    }
    for (int i = at + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Upper-case protocol names with a version digit stay constants: SOCKS5, HTTP2, IPV6. */
  private static boolean isProtocolName(String s, int from, int to) {
    if (to - from < 4) {
      return false;
    }
    char last = s.charAt(to - 1);
    if (last < '0' || last > '9') {
      return false;
    }
    for (int i = from; i < to - 1; i++) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }
}
