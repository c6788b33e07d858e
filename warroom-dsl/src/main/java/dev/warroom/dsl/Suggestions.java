package dev.warroom.dsl;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" suggestions by Levenshtein edit distance. */
final class Suggestions {
  private Suggestions() {}

  /** The closest candidate within distance 2 (or a third of the word's length), if any. */
  static Optional<String> closest(String word, Collection<String> candidates) {
    int limit = Math.max(2, word.length() / 3);
    return candidates.stream()
        .filter(c -> distance(word, c) <= limit)
        .min(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c));
  }

  /** {@code " (did you mean 'x'?)"} or the empty string. */
  static String hint(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
