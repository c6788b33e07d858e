package dev.warroom.experts.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntUnaryOperator;

/**
 * The offline merge pass of {@link TemplateMiner#consolidate()}, three rules in order:
 *
 * <ol>
 *   <li><b>word siblings</b>: templates equal except for a plain word at one position are one
 *       template when at least {@code siblingValues} words occur there ("session closed for user
 *       cyrus|news|test|root"); upper-case words never merge (GET/POST/DELETE); fewer alternatives
 *       stay apart ("startup"/"shutdown"), in the spirit of Brain's child-threshold on column
 *       cardinality (Yu et al., TSC 2023);
 *   <li><b>collapsed equality</b>: equal once runs of variables collapse ("{@code <*> <*>}" is
 *       "{@code <*>}");
 *   <li><b>variable insertions</b>: a longer template that is the shorter one plus runs that are
 *       variables or follow a variable ("{@code <*> bytes (<*> KB) sent}" is "{@code <*> bytes
 *       sent}", "{@code lifetime <*> sec}" is "{@code lifetime <*>}") — Spell's longest common
 *       subsequence (Du and Li, ICDM 2016) restricted to variable gaps.
 * </ol>
 */
final class TemplateConsolidator {
  private TemplateConsolidator() {}

  static void consolidate(
      List<TemplateMiner.Cluster> clusters,
      IntUnaryOperator find,
      BiConsumer<Integer, Integer> union,
      int siblingValues) {
    mergeWordSiblings(roots(clusters, find), union, siblingValues);
    mergeCollapsed(roots(clusters, find), union);
    mergeInsertions(roots(clusters, find), union);
  }

  private static List<TemplateMiner.Cluster> roots(
      List<TemplateMiner.Cluster> clusters, IntUnaryOperator find) {
    return clusters.stream().filter(c -> find.applyAsInt(c.id) == c.id).toList();
  }

  private static void mergeWordSiblings(
      List<TemplateMiner.Cluster> roots, BiConsumer<Integer, Integer> union, int siblingValues) {
    Map<String, List<TemplateMiner.Cluster>> groups = new HashMap<>();
    Map<String, Integer> position = new HashMap<>();
    for (TemplateMiner.Cluster c : roots) {
      int constants = 0;
      for (String t : c.tokens) {
        constants += t.contains(TokenMasker.WILDCARD) ? 0 : 1;
      }
      for (int i = 0; i < c.tokens.length && constants >= 3; i++) {
        if (TemplateMiner.isPlainWord(c.tokens[i]) && !isUpperCaseWord(c.tokens[i])) {
          String[] key = c.tokens.clone();
          key[i] = "\u0000";
          String k = String.join(" ", key);
          groups.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
          position.put(k, i);
        }
      }
    }
    groups.forEach(
        (k, members) -> {
          if (members.size() >= siblingValues) {
            TemplateMiner.Cluster keep = members.get(0);
            keep.tokens[position.get(k)] = TokenMasker.WILDCARD;
            for (int j = 1; j < members.size(); j++) {
              union.accept(keep.id, members.get(j).id);
            }
          }
        });
  }

  private static void mergeCollapsed(
      List<TemplateMiner.Cluster> roots, BiConsumer<Integer, Integer> union) {
    Map<String, TemplateMiner.Cluster> byCollapsed = new HashMap<>();
    for (TemplateMiner.Cluster c : roots) {
      TemplateMiner.Cluster prev = byCollapsed.putIfAbsent(collapse(c.tokens), c);
      if (prev != null) {
        union.accept(prev.id, c.id);
      }
    }
  }

  private static void mergeInsertions(
      List<TemplateMiner.Cluster> roots, BiConsumer<Integer, Integer> union) {
    List<TemplateMiner.Cluster> byLength = new ArrayList<>(roots);
    byLength.sort(Comparator.comparingInt(c -> c.tokens.length));
    List<TemplateMiner.Cluster> kept = new ArrayList<>();
    for (TemplateMiner.Cluster b : byLength) {
      TemplateMiner.Cluster host = null;
      for (TemplateMiner.Cluster a : kept) {
        if (a.tokens.length < b.tokens.length && isVariableInsertion(a.tokens, b.tokens)) {
          host = a;
          break;
        }
      }
      if (host == null) {
        kept.add(b);
      } else {
        union.accept(host.id, b.id);
      }
    }
  }

  /** True when {@code longer} is {@code shorter} with only variable runs inserted. */
  static boolean isVariableInsertion(String[] shorter, String[] longer) {
    int constants = 0;
    for (String t : shorter) {
      if (!t.contains(TokenMasker.WILDCARD)) {
        constants++;
      }
    }
    if (constants < 2 || !shorter[0].equals(longer[0])) {
      return false;
    }
    int n = shorter.length;
    int m = longer.length;
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            shorter[i].equals(longer[j])
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    if (lcs[0][0] != n) {
      return false;
    }
    boolean[] matched = new boolean[m];
    for (int i = 0, j = 0; i < n && j < m; ) {
      if (shorter[i].equals(longer[j]) && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
        matched[j] = true;
        i++;
        j++;
      } else if (lcs[i][j + 1] >= lcs[i + 1][j]) {
        j++;
      } else {
        i++;
      }
    }
    for (int j = 0; j < m; ) {
      if (matched[j]) {
        j++;
        continue;
      }
      int start = j;
      boolean variable = start > 0 && longer[start - 1].contains(TokenMasker.WILDCARD);
      int words = 0;
      while (j < m && !matched[j]) {
        if (isField(longer[j])) {
          return false; // "user=<*>" adds a named field: another event shape, not a value
        }
        boolean v = longer[j].contains(TokenMasker.WILDCARD);
        variable |= v;
        words += v ? 0 : 1;
        j++;
      }
      if (!variable || words > 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * GET/POST/DELETE, INFO/WARN, RUNNING/FAILED: upper-case words are a closed vocabulary (methods,
   * levels, states), never the open set of values a word position holds ("user cyrus|news").
   */
  static boolean isUpperCaseWord(String t) {
    int letters = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c >= 'a' && c <= 'z') {
        return false;
      }
      letters += c >= 'A' && c <= 'Z' ? 1 : 0;
    }
    return letters >= 2;
  }

  /** {@code key=value} with a word key: a named field whose presence is part of the event. */
  static boolean isField(String t) {
    int eq = t.indexOf('=');
    return eq > 0 && Character.isLetter(t.charAt(0));
  }

  static String collapse(String[] tokens) {
    List<String> out = new ArrayList<>(tokens.length);
    for (String t : tokens) {
      if (t.equals(TokenMasker.WILDCARD)
          && !out.isEmpty()
          && out.get(out.size() - 1).equals(TokenMasker.WILDCARD)) {
        continue;
      }
      out.add(t);
    }
    return String.join(" ", out);
  }
}
