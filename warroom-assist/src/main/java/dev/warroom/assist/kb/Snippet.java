package dev.warroom.assist.kb;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The sentence of a section that shares the most query words (ties: the earliest), cut to {@link
 * #MAX} characters; the section's opening when no word is shared (a semantic hit).
 */
final class Snippet {
  static final int MAX = 240;

  private Snippet() {}

  static String of(String text, String query) {
    Set<String> words = words(query);
    String best = null;
    int bestHits = 0;
    for (String sentence : text.split("(?<=[.!?])\\s+|\\n+")) {
      int hits = 0;
      for (String w : words(sentence)) {
        if (words.contains(w)) {
          hits++;
        }
      }
      if (hits > bestHits) {
        bestHits = hits;
        best = sentence;
      }
    }
    String s = (best == null ? text : best).strip().replaceAll("\\s+", " ");
    return s.length() <= MAX ? s : s.substring(0, MAX - 1) + "…";
  }

  private static Set<String> words(String s) {
    Set<String> out = new HashSet<>();
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
      if (w.length() > 2) {
        out.add(w);
      }
    }
    return out;
  }
}
