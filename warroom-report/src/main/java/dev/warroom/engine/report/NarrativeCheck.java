package dev.warroom.engine.report;

import dev.warroom.model.Alert;
import dev.warroom.model.Evidence;
import dev.warroom.model.Hypothesis;
import dev.warroom.model.RcaReport;
import dev.warroom.model.Remediation;
import dev.warroom.model.RootCauseCandidate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a report's narrative asserts nothing its evidence does not show (DESIGN principle 1).
 * The narrative is the summary, the impact (summary, affected services and routes), each
 * candidate's service and component, each hypothesis's statement and reason, and each remediation
 * action. From it we take the <em>entities</em>: names of services, hosts, pods and metrics (tokens
 * with a digit or an inner {@code - _ . : /}), quoted {@code `queries`}, and numbers. An entity is
 * supported when it occurs in the evidence corpus (summaries, queries, rendered queries, rows,
 * entities, sources, code references, chart series) or in the alert that opened the incident; a
 * number is supported when some number of the corpus rounds to it at the narrative's precision,
 * directly or as a percentage ({@code 12.3%} matches {@code 0.1234}).
 *
 * <p>Limits: a plain-word name in free text ({@code checkout}) cannot be told from prose, so
 * services are checked where they are structured (candidates, impact). Corpus numbers count only
 * where they stand alone, not inside timestamps, versions or names.
 */
public final class NarrativeCheck {
  /** Where an unsupported entity was found and what it is. */
  public record Finding(String field, String entity) {
    public Finding {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(entity, "entity");
    }
  }

  private static final Pattern BACKTICK = Pattern.compile("`([^`]+)`");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/%\\-]*");
  // A number standing on its own (optionally with a unit), not a piece of a timestamp, version,
  // host name or id: "49", "0.28", "30000ms" count; "10:12:03", "2026-11-20", "pool-1" do not.
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\w.:\\-/])(\\d+(?:\\.\\d+)?)(?:%|ms|s|m|h|d|x|k|kb|mb|gb|rps|qps)?(?![\\w:\\-/]|\\.\\d)");
  private static final Pattern NUMERIC_TOKEN =
      Pattern.compile(
          "(\\d+(?:\\.\\d+)?)(%|ms|s|m|h|d|x|k|kb|mb|gb|rps|qps)?", Pattern.CASE_INSENSITIVE);
  private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "etc", "vs", "n/a");

  private NarrativeCheck() {}

  /** The unsupported entities, distinct, in order of first appearance. */
  public static List<String> unsupportedEntities(RcaReport report) {
    return check(report).stream().map(Finding::entity).distinct().toList();
  }

  /** Every unsupported entity with the narrative field it appears in. */
  public static List<Finding> check(RcaReport report) {
    Corpus corpus = Corpus.of(report);
    Set<String> ids = new HashSet<>();
    report.evidence().forEach(e -> ids.add(e.id()));
    report.hypotheses().forEach(h -> ids.add(h.id()));
    List<Finding> out = new ArrayList<>();
    text("summary", report.summary(), corpus, ids, out);
    text("impact.summary", report.impact().summary(), corpus, ids, out);
    report
        .impact()
        .affectedServices()
        .forEach(s -> name("impact.affectedServices", s, corpus, out));
    report.impact().affectedRoutes().forEach(s -> name("impact.affectedRoutes", s, corpus, out));
    for (RootCauseCandidate c : report.candidates()) {
      String field = "candidates[" + c.rank() + "]";
      name(field + ".service", c.service(), corpus, out);
      name(field + ".component", c.component(), corpus, out);
    }
    for (Hypothesis h : report.hypotheses()) {
      text("hypotheses[" + h.id() + "].statement", h.statement(), corpus, ids, out);
      text("hypotheses[" + h.id() + "].reason", h.reason(), corpus, ids, out);
    }
    for (int i = 0; i < report.remediation().size(); i++) {
      Remediation m = report.remediation().get(i);
      text("remediation[" + i + "]", m.action(), corpus, ids, out);
    }
    return out;
  }

  /**
   * The entities of {@code text} (generated prose, say) that {@code report}'s evidence and alert do
   * not hold, by the same rules as the report's own narrative; distinct, in order of appearance.
   */
  public static List<String> unsupportedIn(RcaReport report, String text) {
    Set<String> ids = new HashSet<>();
    report.evidence().forEach(e -> ids.add(e.id()));
    report.hypotheses().forEach(h -> ids.add(h.id()));
    List<Finding> out = new ArrayList<>();
    text("text", text, Corpus.of(report), ids, out);
    return out.stream().map(Finding::entity).distinct().toList();
  }

  /**
   * Whether {@code name} occurs as a whole term in {@code report}'s evidence or alert: the check a
   * plain-word name ({@code checkout}) gets where the caller knows it names a service.
   */
  public static boolean evidenceNames(RcaReport report, String name) {
    return Corpus.of(report).containsTerm(name);
  }

  /**
   * A structured name (service, component): supported only if it occurs as a whole in the corpus.
   */
  private static void name(String field, String value, Corpus corpus, List<Finding> out) {
    if (!corpus.containsTerm(value)) {
      out.add(new Finding(field, value));
    }
  }

  private static void text(
      String field, String text, Corpus corpus, Set<String> ids, List<Finding> out) {
    Set<String> seen = new LinkedHashSet<>();
    Matcher quoted = BACKTICK.matcher(text);
    while (quoted.find()) {
      String q = quoted.group(1).strip();
      if (!q.isEmpty() && !corpus.containsText(q) && seen.add(q)) {
        out.add(new Finding(field, q));
      }
    }
    Matcher m = TOKEN.matcher(BACKTICK.matcher(text).replaceAll(" "));
    while (m.find()) {
      String token = trimTrailing(m.group());
      if (token.isEmpty()
          || ids.contains(token)
          || ABBREVIATIONS.contains(token.toLowerCase(Locale.ROOT))) {
        continue;
      }
      Matcher numeric = NUMERIC_TOKEN.matcher(token);
      if (numeric.matches()) {
        if (!corpus.supportsNumber(numeric.group(1), "%".equals(numeric.group(2)))
            && seen.add(token)) {
          out.add(new Finding(field, token));
        }
      } else if (isEntityLike(token) && !corpus.containsTerm(token) && seen.add(token)) {
        out.add(new Finding(field, token));
      }
    }
  }

  /** Tokens that name things rather than being prose: with a digit or an inner separator. */
  private static boolean isEntityLike(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (Character.isDigit(c)) {
        return true;
      }
      if (i > 0
          && i < token.length() - 1
          && (c == '-' || c == '_' || c == '.' || c == ':' || c == '/')) {
        return true;
      }
    }
    return false;
  }

  private static String trimTrailing(String token) {
    int end = token.length();
    while (end > 0 && ".:/-".indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    return token.substring(0, end);
  }

  /** Everything the evidence (and the alert) says, for look-ups. */
  private record Corpus(String text, List<BigDecimal> numbers) {
    static Corpus of(RcaReport r) {
      StringBuilder s = new StringBuilder();
      for (Evidence e : r.evidence()) {
        add(s, e.source());
        add(s, e.summary());
        add(s, e.query());
        e.renderedQueries().values().forEach(q -> add(s, q));
        e.rows().forEach(x -> add(s, x));
        e.entities().forEach(x -> add(s, x));
        if (e.code() != null) {
          add(s, e.code().repository());
          add(s, e.code().toString());
          add(s, e.code().path());
        }
        if (e.chart() != null) {
          add(s, e.chart().key().toString());
          add(s, e.chart().key().name());
          e.chart().key().labels().values().forEach(v -> add(s, v));
        }
      }
      Alert a = r.alert();
      if (a != null) {
        add(s, a.title());
        add(s, a.signal());
        add(s, a.service());
        a.labels().values().forEach(v -> add(s, v));
        a.annotations().values().forEach(v -> add(s, v));
      }
      String text = s.toString();
      List<BigDecimal> numbers = new ArrayList<>();
      Matcher m = NUMBER.matcher(text);
      while (m.find()) {
        numbers.add(new BigDecimal(m.group(1)));
      }
      return new Corpus(text.toLowerCase(Locale.ROOT), numbers);
    }

    private static void add(StringBuilder s, String value) {
      if (value != null && !value.isEmpty()) {
        s.append('\n').append(value);
      }
    }

    /** Occurs with no letter, digit, '_' or '-' directly before or after it. */
    boolean containsTerm(String term) {
      String t = term.toLowerCase(Locale.ROOT);
      int from = 0;
      while (true) {
        int i = text.indexOf(t, from);
        if (i < 0) {
          return false;
        }
        int end = i + t.length();
        if ((i == 0 || !isWordChar(text.charAt(i - 1)))
            && (end == text.length() || !isWordChar(text.charAt(end)))) {
          return true;
        }
        from = i + 1;
      }
    }

    boolean containsText(String fragment) {
      return text.contains(fragment.toLowerCase(Locale.ROOT));
    }

    boolean supportsNumber(String literal, boolean percent) {
      BigDecimal x = new BigDecimal(literal);
      int scale = Math.max(0, x.scale());
      for (BigDecimal y : numbers) {
        if (y.setScale(scale, RoundingMode.HALF_UP).compareTo(x) == 0) {
          return true;
        }
        if (percent
            && y.movePointRight(2).setScale(scale, RoundingMode.HALF_UP).compareTo(x) == 0) {
          return true;
        }
      }
      return false;
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
  }
}
