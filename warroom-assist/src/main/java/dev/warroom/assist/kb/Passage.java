package dev.warroom.assist.kb;

import java.util.Objects;

/**
 * A search hit: the document and section it comes from, its fused score, a snippet, and its rank
 * (1-based) in the BM25 list and in the embedding list, 0 where that list did not return it. The
 * two ranks show which retriever found it.
 */
public record Passage(
    String document,
    String section,
    double score,
    String snippet,
    int lexicalRank,
    int semanticRank) {
  public Passage {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(snippet, "snippet");
    if (lexicalRank < 0 || semanticRank < 0) {
      throw new IllegalArgumentException("negative rank: " + lexicalRank + ", " + semanticRank);
    }
  }
}
