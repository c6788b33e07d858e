/**
 * The knowledge base: postmortems, runbooks and docs (Markdown, HTML, plain text) split into
 * sections and indexed twice in one Lucene index, for BM25 over the words and for nearest
 * neighbours over MiniLM sentence embeddings computed in process (ONNX, no network). A search fuses
 * both ranked lists by reciprocal-rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009); {@link
 * dev.warroom.assist.kb.RelatedKnowledge} turns a report's top candidate into a query whose
 * passages the report cites beside its remediation.
 */
package dev.warroom.assist.kb;
