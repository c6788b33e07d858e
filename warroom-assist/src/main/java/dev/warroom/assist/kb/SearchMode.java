package dev.warroom.assist.kb;

/** Which retrievers a search uses. */
public enum SearchMode {
  /** BM25 and embeddings, fused by reciprocal rank. */
  HYBRID,
  /** BM25 over the words only. */
  LEXICAL,
  /** Cosine nearest neighbours over the MiniLM embeddings only. */
  SEMANTIC
}
