package dev.warroom.assist.llm;

import dev.warroom.engine.report.NarrativeCheck;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.Finding;
import dev.warroom.model.RcaReport;
import dev.warroom.model.RootCauseCandidate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks generated text sentence by sentence against a report's evidence, at run time. A sentence
 * is dropped, and listed with what it named, when it names an entity the evidence and alert do not
 * hold: the entity-level rules of the report's own {@link NarrativeCheck} (metrics, versions,
 * hosts, {@code `queries`}, numbers at the sentence's precision), plus plain-word service names,
 * which that check cannot tell from prose: a word written as a service ("the payments service",
 * "service ledger", "ledger pod") must be named by the evidence. Redaction placeholders are not
 * entities.
 */
public final class SentenceCheck {
  /** A sentence that was dropped and the entities it named that the evidence does not hold. */
  public record Dropped(String sentence, List<String> unsupported) {
    public Dropped {
      Objects.requireNonNull(sentence, "sentence");
      unsupported = List.copyOf(unsupported);
    }
  }

  /** The sentences kept, in order, and those dropped. */
  public record Result(List<String> kept, List<Dropped> dropped) {
    public Result {
      kept = List.copyOf(kept);
      dropped = List.copyOf(dropped);
    }

    /** The kept sentences as one paragraph. */
    public String text() {
      return String.join(" ", kept);
    }
  }

  // A sentence ends at . ! ? followed by white space, unless the word before the dot is a known
  // abbreviation ("e.g.", "vs."); decimals ("0.28") and versions never end one, as no space
  // follows.
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Set<String> ABBREVIATIONS =
      Set.of("e.g.", "i.e.", "etc.", "vs.", "approx.", "cf.", "fig.", "no.", "mr.", "ms.", "dr.");
  // Sentences that assert a cause or a verdict: the model may repeat warroom's, never make its own.
  private static final Pattern CAUSAL =
      Pattern.compile(
          "(?i)\\b(?:root[ -]?cause|caused by|cause of|the cause|culprit|to blame"
              + "|responsible for|originat\\w* (?:in|from|at))\\b");
  private static final Pattern VERDICT_WORDS =
      Pattern.compile("(?i)\\b(no[ _]fault|inconclusive|root[ _]cause[ _]found)\\b");
  private static final Pattern NAME_TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/-]*[A-Za-z0-9]");
  private static final Pattern EVIDENCE_ID = Pattern.compile("[EH]\\d+");
  private static final String KIND_WORDS =
      "service|services|microservice|pod|pods|deployment|container|host|node|cluster|replica";
  private static final Pattern NAME_BEFORE_KIND =
      Pattern.compile("\\b([A-Za-z][A-Za-z0-9_-]*)\\s+(?:" + KIND_WORDS + ")\\b");
  // "Service shipping is down", "pod `cart-1`": the kind word opens the sentence, or the name is
  // quoted; elsewhere the word after "service" is prose ("the service holds", "host metric").
  private static final Pattern KIND_BEFORE_NAME =
      Pattern.compile(
          "(?:^(?i:service|pod|deployment|host|node)\\s+([a-z][a-z0-9_-]*))"
              + "|(?:\\b(?i:service|pod|deployment|host|node)\\s+[`'\"]([a-z][a-z0-9_-]*))");
  // Words that stand before "service" in prose without naming one.
  private static final Set<String> NOT_NAMES =
      Set.of(
          "the",
          "a",
          "an",
          "this",
          "that",
          "these",
          "those",
          "its",
          "their",
          "each",
          "every",
          "any",
          "no",
          "one",
          "other",
          "another",
          "same",
          "which",
          "what",
          "whose",
          "failing",
          "affected",
          "upstream",
          "downstream",
          "calling",
          "called",
          "dependent",
          "root",
          "faulty",
          "healthy",
          "slow",
          "single",
          "first",
          "second",
          "top",
          "candidate",
          "database",
          "db",
          "main",
          "primary",
          "whole",
          "entire",
          "more",
          "most",
          "many",
          "several",
          "all",
          "both",
          "some",
          "few",
          "k8s",
          "kubernetes",
          "new",
          "old",
          "previous",
          "next",
          "is",
          "was",
          "are",
          "were",
          "of",
          "to",
          "in",
          "on",
          "for",
          "by",
          "with",
          "from",
          "at",
          "and",
          "or",
          "not",
          "only",
          "named",
          "unnamed",
          "level",
          "mesh",
          "discovery",
          "account",
          "degraded",
          "impacted",
          "struggling",
          "overloaded",
          "restarted",
          "crashed",
          "down",
          "up",
          "critical",
          "edge",
          "internal",
          "external",
          "third-party",
          "stateful",
          "stateless",
          "restarts",
          "has",
          "had",
          "have",
          "be",
          "been",
          "being",
          "did",
          "does",
          "do",
          "if",
          "then",
          "than",
          "as",
          "so",
          "but",
          "holds",
          "metric",
          "metrics",
          "problem",
          "problems",
          "name",
          "because",
          "while",
          "after",
          "before",
          "when",
          "where",
          "why",
          "how");

  private SentenceCheck() {}

  /** Splits {@code text} into sentences and keeps those the evidence of {@code report} supports. */
  public static Result check(RcaReport report, String text) {
    Set<String> services = services(report);
    report = withReportFacts(report);
    List<String> kept = new ArrayList<>();
    List<Dropped> dropped = new ArrayList<>();
    for (String sentence : sentences(text)) {
      List<String> bad = unsupported(report, services, sentence);
      if (bad.isEmpty()) {
        kept.add(sentence);
      } else {
        dropped.add(new Dropped(sentence, bad));
      }
    }
    return new Result(kept, dropped);
  }

  /** The sentences of {@code text}, stripped, empty ones left out. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    StringBuilder cur = new StringBuilder();
    for (String piece : SENTENCE_END.split(text.strip().replaceAll("\\s+", " "))) {
      if (cur.length() > 0) {
        cur.append(' ');
      }
      cur.append(piece);
      int space = piece.lastIndexOf(' ');
      String lastWord = piece.substring(space + 1).toLowerCase(Locale.ROOT);
      if (!ABBREVIATIONS.contains(lastWord)) {
        out.add(cur.toString().strip());
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  static List<String> unsupported(RcaReport report, Set<String> services, String sentence) {
    String plain = Redactor.PLACEHOLDER.matcher(sentence).replaceAll(" ");
    Set<String> bad = new LinkedHashSet<>(NarrativeCheck.unsupportedIn(report, plain));
    for (Pattern p : List.of(NAME_BEFORE_KIND, KIND_BEFORE_NAME)) {
      Matcher m = p.matcher(plain);
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(m.groupCount());
        String lower = name.toLowerCase(Locale.ROOT);
        if (NOT_NAMES.contains(lower) || services.contains(lower)) {
          continue;
        }
        if (!NarrativeCheck.evidenceNames(report, name)) {
          bad.add(name);
        }
      }
    }
    bad.addAll(claims(report, plain));
    return List.copyOf(bad);
  }

  /**
   * Claims the model may not make on its own, whatever the evidence holds (planted telemetry can
   * put any word into the evidence): a verdict other than the report's, and a cause that is none of
   * warroom's candidates. Returned as {@code "verdict: no_fault"}, {@code "cause: ledger"}.
   */
  static List<String> claims(RcaReport report, String sentence) {
    List<String> out = new ArrayList<>();
    String verdict = report.verdict().name().toLowerCase(Locale.ROOT);
    Matcher v = VERDICT_WORDS.matcher(sentence);
    while (v.find()) {
      String said = v.group(1).toLowerCase(Locale.ROOT).replace(' ', '_');
      if (!said.equals(verdict)) {
        out.add("verdict: " + said);
      }
    }
    if (!CAUSAL.matcher(sentence).find()) {
      return out;
    }
    Set<String> allowed = new LinkedHashSet<>();
    for (RootCauseCandidate c : report.candidates()) {
      allowed.add(c.service().toLowerCase(Locale.ROOT));
      allowed.add(c.component().toLowerCase(Locale.ROOT));
    }
    Set<String> named = new LinkedHashSet<>();
    for (Pattern p : List.of(NAME_BEFORE_KIND, KIND_BEFORE_NAME)) {
      Matcher m = p.matcher(sentence);
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(m.groupCount());
        if (!NOT_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
          named.add(name);
        }
      }
    }
    Matcher t = NAME_TOKEN.matcher(sentence);
    while (t.find()) {
      String token = t.group();
      if (EVIDENCE_ID.matcher(token).matches()) {
        continue;
      }
      if (token.chars().anyMatch(c -> Character.isDigit(c) || "_.:/-".indexOf(c) >= 0)
          && !token.matches("(?i)e\\.g|i\\.e|root-cause")) {
        named.add(token);
      }
    }
    for (String name : named) {
      if (!allowed.contains(name.toLowerCase(Locale.ROOT))) {
        out.add("cause: " + name);
      }
    }
    return out;
  }

  /**
   * The report with one more evidence item that states the report's own conclusion: its verdict,
   * and each candidate's rank, service, component, fault class (in words) and confidence. A
   * sentence may repeat what warroom concluded ("confidence 0.82", "82%"); the evidence check alone
   * would not know it.
   */
  static RcaReport withReportFacts(RcaReport r) {
    List<String> rows = new ArrayList<>();
    rows.add("verdict " + r.verdict().name().toLowerCase(Locale.ROOT));
    for (RootCauseCandidate c : r.candidates()) {
      rows.add(
          "candidate "
              + c.rank()
              + " "
              + c.service()
              + " "
              + c.component()
              + " "
              + c.faultClass().id()
              + " "
              + c.faultClass().id().replace('_', ' ')
              + " "
              + c.confidence());
    }
    List<Evidence> evidence = new ArrayList<>(r.evidence());
    evidence.add(Evidence.of("warroom-ranking", EvidenceKind.TOPOLOGY, "warroom", "ranking", rows));
    return new RcaReport(
        r.incidentId(),
        r.alert(),
        r.verdict(),
        r.summary(),
        r.impact(),
        r.candidates(),
        r.hypotheses(),
        evidence,
        r.remediation(),
        r.runbook(),
        r.missingData(),
        r.timingsMillis(),
        r.findings(),
        r.dataQuality());
  }

  /** The services the report itself names (candidates, impact, findings, alert), lower case. */
  static Set<String> services(RcaReport r) {
    Set<String> out = new LinkedHashSet<>();
    for (RootCauseCandidate c : r.candidates()) {
      out.add(c.service().toLowerCase(Locale.ROOT));
    }
    r.impact().affectedServices().forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
    for (Finding f : r.findings()) {
      if (f.service() != null) {
        out.add(f.service().toLowerCase(Locale.ROOT));
      }
    }
    if (r.alert() != null && r.alert().service() != null) {
      out.add(r.alert().service().toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
