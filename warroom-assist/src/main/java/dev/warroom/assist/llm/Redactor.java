package dev.warroom.assist.llm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from text before it goes into any prompt: e-mail addresses,
 * private key blocks, credentials in URLs, bearer and basic authorization values, AWS access key
 * ids, GitHub, Slack, OpenAI, Stripe and Google API keys, JSON Web Tokens, the value of any {@code
 * key=value} or {@code "key": "value"} pair whose key names a secret (password, token, api_key,
 * secret, …), payment card numbers (13–19 digits that pass the Luhn check, so order ids and
 * timestamps are left alone), IPv4 and IPv6 addresses, and the user names it is configured with.
 * Each is replaced by a placeholder such as {@code [redacted email]} that names what was there and
 * holds no digit, so the sentence check does not mistake it for an entity.
 *
 * <p>What it does not catch: secrets with no recognisable shape outside a key=value pair, names of
 * people it was not given, postal addresses, phone numbers, and personal data in languages other
 * than the patterns' (see docs/assist.md).
 */
public final class Redactor {
  /** What a placeholder stood for. */
  public enum Kind {
    PRIVATE_KEY,
    URL_CREDENTIALS,
    AUTHORIZATION,
    JWT,
    AWS_KEY,
    GITHUB_TOKEN,
    SLACK_TOKEN,
    API_KEY,
    SECRET_VALUE,
    EMAIL,
    CARD,
    IPV6,
    IPV4,
    USER;

    /** The placeholder this kind is replaced with. */
    public String placeholder() {
      return "[redacted " + name().toLowerCase(Locale.ROOT).replace('_', ' ') + "]";
    }
  }

  /** Placeholders have this shape; the sentence check removes them before it looks. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\[redacted [a-z0-9 ]+\\]");

  /** The redacted text and how many of each kind were replaced. */
  public record Result(String text, Map<Kind, Integer> counts) {
    public Result {
      counts = Map.copyOf(counts);
    }

    public int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private record Rule(Kind kind, Pattern pattern, int group) {}

  private static final String SECRET_KEYS =
      "(?:[a-z0-9_.-]*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey"
          + "|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|session[_-]?id"
          + "|auth[_-]?key|signature))";

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              Kind.PRIVATE_KEY,
              Pattern.compile(
                  "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"),
              0),
          new Rule(Kind.URL_CREDENTIALS, Pattern.compile("(?<=://)[^\\s/:@]*:[^\\s/@]+(?=@)"), 0),
          new Rule(
              Kind.AUTHORIZATION,
              Pattern.compile("(?i)(?<=\\b(?:bearer|basic|token)\\s)[A-Za-z0-9._~+/=-]{8,}"),
              0),
          new Rule(
              Kind.JWT,
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
              0),
          new Rule(
              Kind.AWS_KEY,
              Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b"),
              0),
          new Rule(
              Kind.GITHUB_TOKEN,
              Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"),
              0),
          new Rule(Kind.SLACK_TOKEN, Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0),
          new Rule(
              Kind.API_KEY,
              Pattern.compile(
                  "\\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"
                      + "|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,})"),
              0),
          // key=value, key: value, "key": "value" (value quoted or bare, up to a separator)
          new Rule(
              Kind.SECRET_VALUE,
              Pattern.compile(
                  "(?i)\\b"
                      + SECRET_KEYS
                      + "\\b[\"']?\\s*[:=]\\s*(?:\"([^\"]{3,})\"|'([^']{3,})'|([^\\s\"',;&}\\]]{3,}))"),
              -1),
          new Rule(
              Kind.EMAIL,
              Pattern.compile("(?i)\\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}\\b"),
              0),
          new Rule(Kind.CARD, Pattern.compile("(?<![\\w.-])\\d(?:[ -]?\\d){12,18}(?![\\w.-])"), 0),
          new Rule(
              Kind.IPV6,
              Pattern.compile(
                  "(?i)(?<![\\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{0,4}|\\d{1,3}(?:\\.\\d{1,3}){3})"
                      + "(?:%[\\w.]+)?(?![\\w:])"),
              0),
          new Rule(
              Kind.IPV4,
              Pattern.compile(
                  "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
                      + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:/\\d{1,2})?(?![\\w.]*\\d)"),
              0));

  private final List<Pattern> userNames;

  private Redactor(List<String> users) {
    List<Pattern> p = new ArrayList<>();
    for (String u : users) {
      String name = u.strip();
      if (name.length() < 2) {
        throw new IllegalArgumentException("user name to redact is too short: '" + u + "'");
      }
      p.add(Pattern.compile("(?i)(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-])"));
    }
    this.userNames = List.copyOf(p);
  }

  /** Redacts the built-in kinds only. */
  public static Redactor standard() {
    return new Redactor(List.of());
  }

  /** Redacts the built-in kinds and these user names (whole words, any case). */
  public static Redactor withUserNames(List<String> users) {
    return new Redactor(users);
  }

  /** {@code text} with every match replaced by its placeholder. */
  public Result redact(String text) {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    String out = text;
    for (Rule rule : RULES) {
      out = apply(rule, out, counts);
    }
    for (Pattern u : userNames) {
      Matcher m = u.matcher(out);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        counts.merge(Kind.USER, 1, Integer::sum);
        m.appendReplacement(sb, Matcher.quoteReplacement(Kind.USER.placeholder()));
      }
      m.appendTail(sb);
      out = sb.toString();
    }
    return new Result(out, counts);
  }

  /** Shorthand for {@code redact(text).text()}. */
  public String clean(String text) {
    return text == null ? null : redact(text).text();
  }

  private static String apply(Rule rule, String text, Map<Kind, Integer> counts) {
    Matcher m = rule.pattern().matcher(text);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      int start;
      int end;
      if (rule.group() < 0) {
        int g = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
        start = m.start(g);
        end = m.end(g);
        if (PLACEHOLDER.matcher(text).region(start, text.length()).lookingAt()) {
          continue;
        }
      } else {
        start = m.start();
        end = m.end();
      }
      String hit = text.substring(start, end);
      if (!valid(rule.kind(), hit)) {
        continue;
      }
      sb.append(text, last, start).append(rule.kind().placeholder());
      last = end;
      counts.merge(rule.kind(), 1, Integer::sum);
    }
    sb.append(text, last, text.length());
    return sb.toString();
  }

  private static boolean valid(Kind kind, String hit) {
    return switch (kind) {
      case CARD -> card(hit.replaceAll("[ -]", ""));
      case IPV6 -> Ipv6.valid(hit);
      default -> true;
    };
  }

  // Issuer prefixes (Visa, Mastercard, Amex, Diners, JCB, Discover, UnionPay): epoch
  // milliseconds and order ids of the right length start otherwise and are left alone.
  private static final Pattern CARD_PREFIX = Pattern.compile("^(?:4|5[1-5]|2[2-7]|3[0-9]|6)");

  static boolean card(String digits) {
    return CARD_PREFIX.matcher(digits).find() && luhn(digits);
  }

  /** The Luhn (mod 10) check every payment card number passes (ISO/IEC 7812-1). */
  static boolean luhn(String digits) {
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0 && !digits.chars().allMatch(c -> c == digits.charAt(0));
  }
}
