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

  /** Tokens of {@code line} split on runs of spaces and tabs, each masked, units joined. */
  static String[] mask(String line) {
    return mask(line, true);
  }

  /**
   * Tokens of {@code line} split on runs of spaces and tabs, each masked. A size unit after a value
   * is part of it ("16.0 KB"); with {@code unitsJoin} so is a unit written as a word ("0 bytes",
   * "{@code <1} sec") and a bracketed restatement after it ("1910 bytes (1.86 KB)").
   */
  static String[] mask(String line, boolean unitsJoin) {
    List<String> out = new ArrayList<>(16);
    int n = line.length();
    int i = 0;
    boolean unitValue = false;
    while (i < n) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      boolean special = false;
      while (i < n && !isSpace(line.charAt(i))) {
        special |= isSpecial(line.charAt(i));
        i++;
      }
      String token = line.substring(start, i);
      String masked = special ? maskToken(token) : token;
      String previous = out.isEmpty() ? null : out.get(out.size() - 1);
      if (previous != null
          && previous.endsWith(WILDCARD)
          && (isSizeUnit(token) || unitsJoin && isWordUnit(token))) {
        // "16.0 KB," is one value: the unit joins the number, its punctuation stays.
        out.set(out.size() - 1, previous + trailingPunctuation(token));
        if (unitsJoin) {
          joinRestatement(out); // "(1.86 KB)" after "1910 bytes"
        }
        unitValue = unitsJoin;
        continue;
      }
      out.add(masked);
      if (unitValue) {
        joinRestatement(out);
      }
      unitValue = false;
    }
    String[] tokens = out.toArray(new String[0]);
    maskDateWords(tokens);
    return tokens;
  }

  /** "1910 bytes (1.86 KB)": a bracketed value right after a value restates it; one variable. */
  private static void joinRestatement(List<String> out) {
    int last = out.size() - 1;
    String bracket = "(" + WILDCARD + ")";
    if (last >= 1 && out.get(last).startsWith(bracket) && out.get(last - 1).endsWith(WILDCARD)) {
      out.set(last - 1, out.get(last - 1) + out.get(last).substring(bracket.length()));
      out.remove(last);
    }
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
      // hash optimistically while scanning; a digit, slash or dot sends the token to the masker
      while (i < n && !isSpace(c = line.charAt(i))) {
        special |= isSpecial(c);
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

  /** Characters that may make a token variable: digits, slashes (paths) and dots (host names). */
  private static boolean isSpecial(char c) {
    return (c >= '0' && c <= '9') || c == '/' || c == '.';
  }

  /** B, KB, MiB … optionally followed by closing punctuation: always part of the value. */
  static boolean isSizeUnit(String t) {
    return switch (stripClosing(t)) {
      case "B", "KB", "MB", "GB", "TB", "kB", "KiB", "MiB", "GiB", "TiB" -> true;
      default -> false;
    };
  }

  /**
   * Units written as words or short forms (bytes, ms, sec …): part of the value when configured.
   * Spelled-out durations ("for 30 seconds") stay words: they read as part of the sentence.
   */
  static boolean isWordUnit(String t) {
    return switch (stripClosing(t)) {
      case "bytes", "ns", "us", "ms", "sec", "secs", "min", "mins" -> true;
      default -> false;
    };
  }

  private static String stripClosing(String t) {
    int n = t.length();
    while (n > 0 && isClosing(t.charAt(n - 1))) {
      n--;
    }
    return t.substring(0, n);
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
    if (isPathOrUrl(core)
        || isNumericLike(core)
        || isHostPort(core)
        || isObjectIdentity(core)
        || isHostName(core)) {
      return WILDCARD;
    }
    if (!hasDigit(core, 0, core.length())) {
      return core;
    }
    // Mask each digit-bearing segment between delimiters: "onExtend:15140" -> "onExtend:<*>",
    // "core.12345" -> "core.<*>", "uid=0" -> "uid=<*>", "HTTP/1.1" -> "HTTP/<*>.<*>".
    StringBuilder sb = new StringBuilder(core.length() + 8);
    int n = core.length();
    int segStart = 0;
    boolean letters = false;
    for (int i = 0; i <= n; i++) {
      if (i == n || isDelimiter(core.charAt(i))) {
        if (i > segStart) {
          if (hasDigit(core, segStart, i)
              && !isProtocolName(core, segStart, i)
              && !isVersionedWord(core, segStart, i)) {
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
      case '(', ')', '[', ']', '{', '}', ':', '=', ',', ';', '@', '#', '|', '.', '/' -> true;
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

  /**
   * {@code /var/log/x}, {@code /default-rack}, {@code hdfs://nn/a}: a leading slash or a scheme.
   */
  private static boolean isPathOrUrl(String s) {
    if (s.contains("://")) {
      return true;
    }
    if (s.length() > 1 && s.charAt(0) == '/') {
      char c = s.charAt(1);
      return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/';
    }
    return false;
  }

  /**
   * A fully qualified host name: at least three dot-separated labels of letters, digits and
   * hyphens, the last a common top-level domain ({@code ns1.example.com}, {@code
   * ip-10-1-2-3.ec2.internal}). Java class names ({@code org.apache.Foo}) end otherwise and stay.
   */
  static boolean isHostName(String s) {
    int dots = 0;
    int labelStart = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        if (i == labelStart) {
          return false;
        }
        if (i < s.length()) {
          dots++;
        }
        labelStart = i + 1;
      } else {
        char c = s.charAt(i);
        if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
          return false;
        }
      }
    }
    if (dots < 2) {
      return false;
    }
    return switch (s.substring(s.lastIndexOf('.') + 1)) {
      case "com",
          "net",
          "org",
          "edu",
          "gov",
          "mil",
          "int",
          "io",
          "info",
          "biz",
          "local",
          "internal",
          "lan",
          "localdomain",
          "arpa",
          "cn",
          "hk",
          "tw",
          "jp",
          "kr",
          "de",
          "uk",
          "fr",
          "nl",
          "ru",
          "us",
          "ca",
          "au",
          "in",
          "br",
          "it",
          "es",
          "se",
          "ch",
          "eu" ->
          true;
      default -> false;
    };
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

  /** A word of three or more letters and one final digit stays: ssh2, utf8, sha1. */
  private static boolean isVersionedWord(String s, int from, int to) {
    if (to - from < 4) {
      return false;
    }
    char last = s.charAt(to - 1);
    if (last < '0' || last > '9') {
      return false;
    }
    for (int i = from; i < to - 1; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
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
