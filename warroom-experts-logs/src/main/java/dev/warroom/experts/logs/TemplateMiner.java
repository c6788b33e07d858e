package dev.warroom.experts.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online, incremental log template miner in the Drain family (He et al., "Drain: An Online Log
 * Parsing Approach with Fixed Depth Tree", ICWS 2017), with heavier token masking and a merge pass
 * in the spirit of Brain (Yu et al., TSC 2023) and Spell's longest common subsequence (Du and Li,
 * ICDM 2016).
 *
 * <p>Each line is masked ({@link TokenMasker}), then routed by token count and its first constant
 * token to a bucket of clusters; it joins the cluster whose template shares the most positions with
 * it when that share reaches the similarity threshold, and the positions that differ become {@code
 * <*>}; otherwise it starts a new cluster. An exact cache keyed by the 64-bit hash of the masked
 * line shape ({@link TokenMasker#shapeHash}) makes repeated shapes — the bulk of any real log — a
 * single hash lookup. {@link #consolidate()} then merges clusters whose templates differ only by
 * variable positions or by inserted variable runs.
 *
 * <p>Not thread-safe: one miner per stream (or synchronise externally). Template ids are dense ints
 * from 0; after {@link #consolidate()} several ids may resolve to one template, and {@link
 * #templateId(int)} gives the surviving one.
 */
public final class TemplateMiner {
  private final MinerConfig config;
  private final Map<BucketKey, List<Cluster>> buckets = new HashMap<>();
  private final ShapeTable<Cluster> exact = new ShapeTable<>();
  private final List<Cluster> clusters = new ArrayList<>();
  private final List<Integer> parent = new ArrayList<>();
  private long lines;

  /** A miner with the given configuration. */
  public TemplateMiner(MinerConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  /** A miner with {@link MinerConfig#defaults()}: the one configuration evaluated on Loghub. */
  public static TemplateMiner create() {
    return new TemplateMiner(MinerConfig.defaults());
  }

  /** Adds one log message (without its header) and returns the id of its template. */
  public int add(String message) {
    lines++;
    long shape = TokenMasker.shapeHash(message);
    Cluster hit = exact.get(shape);
    if (hit != null) {
      hit.size++;
      return find(hit.id);
    }
    String[] tokens = TokenMasker.mask(message, config.unitsJoinValues());
    BucketKey bucketKey = new BucketKey(tokens.length, firstConstant(tokens));
    List<Cluster> bucket = buckets.computeIfAbsent(bucketKey, k -> new ArrayList<>(4));
    Cluster best = null;
    double bestSim = -1;
    for (Cluster c : bucket) {
      double sim = similarity(c.tokens, tokens);
      if (sim > bestSim) {
        bestSim = sim;
        best = c;
      }
    }
    if (best == null || bestSim < config.similarityThreshold()) {
      best = new Cluster(clusters.size(), tokens.clone());
      clusters.add(best);
      parent.add(best.id);
      bucket.add(best);
    } else {
      generalize(best.tokens, tokens);
    }
    best.size++;
    exact.put(shape, best);
    return find(best.id);
  }

  /** The surviving template id for an id returned by {@link #add} (ids merge on consolidate). */
  public int templateId(int id) {
    if (id < 0 || id >= clusters.size()) {
      throw new IllegalArgumentException("unknown template id: " + id);
    }
    return find(id);
  }

  /** The template text of an id, variables written {@code <*>}. */
  public String template(int id) {
    return String.join(" ", clusters.get(templateId(id)).tokens);
  }

  /** Number of lines added so far. */
  public long lineCount() {
    return lines;
  }

  /** The surviving templates, most frequent first. */
  public List<LogTemplate> templates() {
    Map<Integer, long[]> sizes = new HashMap<>();
    for (Cluster c : clusters) {
      sizes.computeIfAbsent(find(c.id), k -> new long[1])[0] += c.size;
    }
    List<LogTemplate> out = new ArrayList<>(sizes.size());
    sizes.forEach((id, n) -> out.add(new LogTemplate(id, template(id), n[0])));
    out.sort((a, b) -> Long.compare(b.count(), a.count()));
    return out;
  }

  /**
   * Merges templates that describe the same event: same length and every differing position a
   * variable on one side, or equal once runs of variables are collapsed. Lines added afterwards
   * keep resolving to the merged templates.
   */
  public void consolidate() {
    if (config.mergeTemplates()) {
      TemplateConsolidator.consolidate(clusters, this::find, this::union, config.siblingValues());
    }
  }

  private String firstConstant(String[] tokens) {
    if (tokens.length == 0) {
      return "";
    }
    String first = tokens[0];
    return first.contains(TokenMasker.WILDCARD) ? TokenMasker.WILDCARD : first;
  }

  /**
   * Share of positions where template and line agree (Drain's simSeq, wildcards matching); -1 when
   * they put two different plain words at one position ("startup" vs "shutdown", "HTTPS" vs
   * "SOCKS5"): words are an event's vocabulary, values are what varies.
   */
  private double similarity(String[] template, String[] tokens) {
    if (tokens.length == 0) {
      return 1.0;
    }
    int same = 0;
    for (int i = 0; i < tokens.length; i++) {
      String t = template[i];
      String u = tokens[i];
      if (t == u || t.equals(u)) {
        same++;
      } else if (config.wordsAreConstant() && isPlainWord(t) && isPlainWord(u)) {
        return -1;
      }
    }
    return (double) same / tokens.length;
  }

  static boolean isPlainWord(String t) {
    int from = 0;
    int n = t.length();
    // a word keeps its quotes and brackets: "\"GET" and "(lost)" are the words GET and lost
    while (from < n - 1 && isWrapping(t.charAt(from))) {
      from++;
    }
    while (n > from + 1 && isWrapping(t.charAt(n - 1))) {
      n--;
    }
    if (n == from) {
      return false;
    }
    char lastChar = t.charAt(n - 1);
    // a word keeps its sentence punctuation: "sent," is the word "sent"
    if (n > from + 1
        && (lastChar == ',' || lastChar == '.' || lastChar == ';' || lastChar == ':')) {
      n--;
    }
    for (int i = from; i < n; i++) {
      char c = t.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!(letter || (i == n - 1 && c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWrapping(char c) {
    return c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']';
  }

  private static void generalize(String[] template, String[] tokens) {
    for (int i = 0; i < template.length; i++) {
      if (!template[i].equals(tokens[i])) {
        template[i] = generalizeToken(template[i], tokens[i]);
      }
    }
  }

  /**
   * The common frame of two differing tokens with the differing middle as one variable, cut at
   * punctuation: "rhost=a.b" and "rhost=c" give "rhost=<*>", "(x)" and "()" give "(<*>)".
   */
  static String generalizeToken(String a, String b) {
    int max = Math.min(a.length(), b.length());
    int p = 0;
    int lastCut = 0;
    while (p < max && a.charAt(p) == b.charAt(p)) {
      if (isFrame(a.charAt(p))) {
        lastCut = p + 1;
      }
      p++;
    }
    int prefix = lastCut;
    int s = 0;
    int suffix = 0;
    while (s < max - prefix && a.charAt(a.length() - 1 - s) == b.charAt(b.length() - 1 - s)) {
      if (isFrame(a.charAt(a.length() - 1 - s))) {
        suffix = s + 1;
      }
      s++;
    }
    if (prefix == 0 && suffix == 0) {
      return TokenMasker.WILDCARD;
    }
    String head = a.substring(0, prefix);
    String tail = a.substring(a.length() - suffix);
    if (head.endsWith(TokenMasker.WILDCARD) || tail.startsWith(TokenMasker.WILDCARD)) {
      return head + tail;
    }
    return head + TokenMasker.WILDCARD + tail;
  }

  private static boolean isFrame(char c) {
    return switch (c) {
      case '(', ')', '[', ']', '{', '}', '=', ':', ',', ';', '"', '\'' -> true;
      default -> false;
    };
  }

  private int find(int id) {
    int p = parent.get(id);
    while (p != id) {
      int gp = parent.get(p);
      parent.set(id, gp);
      id = p;
      p = gp;
    }
    return id;
  }

  private void union(int keep, int drop) {
    parent.set(find(drop), find(keep));
  }

  /** A template under construction. */
  static final class Cluster {
    final int id;
    String[] tokens;
    long size;

    Cluster(int id, String[] tokens) {
      this.id = id;
      this.tokens = tokens;
    }
  }

  private record BucketKey(int length, String first) {}
}
