package dev.warroom.assist.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Retrieval over the small corpus in src/test/resources/kb, written for these tests. */
class KnowledgeBaseTest {
  static final EmbeddingModel MINILM = new AllMiniLmL6V2QuantizedEmbeddingModel();
  static Path indexDir;
  static KnowledgeBase kb;

  static Path corpus() {
    try {
      return Path.of(KnowledgeBaseTest.class.getResource("/kb").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void index() throws IOException {
    indexDir = Files.createTempDirectory("kb-test");
    kb = KnowledgeBase.open(indexDir, MINILM);
    KnowledgeBase.AddResult r = kb.add(corpus());
    assertThat(r.added()).hasSize(6);
    assertThat(r.skipped()).isEmpty();
  }

  @AfterAll
  static void close() throws IOException {
    kb.close();
  }

  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of(
            "checkout HikariCP connection pool exhausted",
            "postmortems/2025-03-checkout-pool.md",
            "Postmortem: checkout outage of 2025-03-14 > Root cause"),
        Arguments.of(
            "terminate sessions idle in transaction that hold pool connections",
            "runbooks/database.md",
            "Database runbook > Connection pool exhaustion > Mitigation"),
        Arguments.of(
            "container killed for going over its memory limit",
            "runbooks/kubernetes.html",
            "Kubernetes runbook > OOMKilled"),
        Arguments.of(
            "sequential scan because an index is missing",
            "runbooks/database.md",
            "Database runbook > Slow queries > Diagnosis"),
        Arguments.of(
            "no such host errors, DNS lookups failing",
            "postmortems/2024-11-dns.md",
            "Postmortem: name resolution failures in the payments cluster > What happened"),
        Arguments.of(
            "x509 certificate has expired", "docs/tls.md", "Certificates > Expired certificate"),
        Arguments.of(
            "connection refused to redis from the cart", "docs/caching.txt", "paragraph 2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void ranksTheRelevantPassageFirst(String query, String document, String section) {
    List<Passage> hits = kb.search(query, 3, SearchMode.HYBRID);
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).document()).isEqualTo(document);
    assertThat(hits.get(0).section()).isEqualTo(section);
  }

  static Stream<Arguments> exactTerms() {
    return Stream.of(
        Arguments.of("CONCURRENTLY", "Database runbook > Slow queries > Mitigation"),
        Arguments.of(
            "PodDisruptionBudget",
            "Postmortem: name resolution failures in the payments cluster > Lessons"),
        Arguments.of("maximumPoolSize", "Postmortem: checkout outage of 2025-03-14 > Root cause"),
        Arguments.of(
            "pg_terminate_backend", "Database runbook > Connection pool exhaustion > Mitigation"));
  }

  /** Exact identifiers: BM25 ranks the section that holds them first, the embeddings need not. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("exactTerms")
  void bm25FindsExactIdentifiers(String query, String section) {
    assertThat(kb.search(query, 1, SearchMode.LEXICAL).get(0).section()).isEqualTo(section);
    Passage top = kb.search(query, 1, SearchMode.HYBRID).get(0);
    assertThat(top.section()).isEqualTo(section);
    assertThat(top.lexicalRank()).isEqualTo(1);
    assertThat(top.snippet()).contains(query);
  }

  @Test
  void bm25LiftsWhatTheEmbeddingsAloneRankLower() {
    long lifted =
        exactTerms()
            .map(a -> (String) a.get()[0])
            .filter(
                q ->
                    !kb.search(q, 1, SearchMode.SEMANTIC)
                        .get(0)
                        .section()
                        .equals(kb.search(q, 1, SearchMode.HYBRID).get(0).section()))
            .count();
    // CONCURRENTLY, PodDisruptionBudget and maximumPoolSize: MiniLM alone puts another section
    // first.
    assertThat(lifted).isGreaterThanOrEqualTo(3);
  }

  @Test
  void embeddingsFindAParaphraseThatSharesNoWordWithTheAnswer() {
    String query = "my software is crashing and rebooting in a loop";
    assertThat(kb.search(query, 10, SearchMode.LEXICAL))
        .extracting(Passage::section)
        .doesNotContain("Kubernetes runbook > CrashLoopBackOff");
    Passage top = kb.search(query, 1, SearchMode.HYBRID).get(0);
    assertThat(top.document()).isEqualTo("runbooks/kubernetes.html");
    assertThat(top.section()).isEqualTo("Kubernetes runbook > CrashLoopBackOff");
    assertThat(top.lexicalRank()).isZero();
    assertThat(top.semanticRank()).isEqualTo(1);
  }

  @Test
  void citesPassagesForTheTopCandidateOfAReport() {
    RelatedKnowledge related =
        RelatedKnowledge.forReport(dev.warroom.assist.TestReports.poolExhaustion(), kb, 3);
    assertThat(related.query()).startsWith("checkout hikaripool-1 connection pool exhaustion");
    assertThat(related.passages()).hasSize(3);
    List<String> sections = related.passages().stream().map(Passage::section).toList();
    assertThat(sections.get(0)).isEqualTo("Postmortem: checkout outage of 2025-03-14 > Root cause");
    assertThat(sections)
        .anyMatch(x -> x.startsWith("Database runbook > Connection pool exhaustion"));
  }

  @Test
  void searchingTakesNoWriteLock() throws IOException {
    // kb holds the index's write lock since it added the corpus; a second reader still searches.
    try (KnowledgeBase reader = KnowledgeBase.open(indexDir, MINILM)) {
      assertThat(
              reader.search("x509 certificate has expired", 1, SearchMode.HYBRID).get(0).section())
          .isEqualTo("Certificates > Expired certificate");
      assertThat(reader.size()).isEqualTo(kb.size());
    }
  }

  @Test
  void citesNothingForAReportWithoutCandidates() {
    var r = dev.warroom.assist.TestReports.poolExhaustion();
    var none =
        new dev.warroom.model.RcaReport(
            r.incidentId(),
            r.alert(),
            dev.warroom.model.Verdict.NO_FAULT,
            "",
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            "",
            List.of(),
            java.util.Map.of());
    assertThat(RelatedKnowledge.forReport(none, kb, 3)).isEqualTo(RelatedKnowledge.none());
  }

  @Test
  void reAddingAChangedFileReplacesItsSections(@TempDir Path tmp) throws IOException {
    Path docs = Files.createDirectories(tmp.resolve("docs"));
    Path file = docs.resolve("queue.md");
    Files.writeString(file, "# Queue\n\n## Backlog\n\nConsumers fall behind; scale the workers.\n");
    try (KnowledgeBase k = KnowledgeBase.open(tmp.resolve("kb"), MINILM)) {
      assertThat(k.add(docs).added()).containsExactly("queue.md");
      assertThat(k.add(docs).unchanged()).containsExactly("queue.md");
      Files.writeString(
          file,
          "# Queue\n\n## Poison message\n\nA message that always fails blocks the partition.\n"
              + "\n## Lag\n\nWatch consumer lag per partition.\n");
      KnowledgeBase.AddResult again = k.add(docs);
      assertThat(again.replaced()).containsExactly("queue.md");
      assertThat(again.sections()).isEqualTo(2);
      assertThat(k.documents()).containsExactly(java.util.Map.entry("queue.md", 2));
      assertThat(k.search("backlog scale the workers", 5, SearchMode.LEXICAL))
          .extracting(Passage::section)
          .doesNotContain("Queue > Backlog");
    }
    try (KnowledgeBase reopened = KnowledgeBase.open(tmp.resolve("kb"), MINILM)) {
      assertThat(reopened.size()).isEqualTo(2);
      assertThat(reopened.search("poison message", 1, SearchMode.HYBRID).get(0).section())
          .isEqualTo("Queue > Poison message");
    }
  }

  @Test
  void skipsFilesItCannotReadAndSaysWhy(@TempDir Path parent) throws IOException {
    Path tmp = Files.createDirectories(parent.resolve("docs"));
    Files.write(tmp.resolve("binary.txt"), new byte[] {(byte) 0xC3, (byte) 0x28, 0x41});
    Files.writeString(tmp.resolve("image.png"), "not really");
    Files.writeString(tmp.resolve("ok.txt"), "One paragraph about retries.\n");
    try (KnowledgeBase k = KnowledgeBase.open(tmp.resolve("kb"), MINILM)) {
      KnowledgeBase.AddResult r = k.add(tmp);
      assertThat(r.added()).containsExactly("ok.txt");
      assertThat(r.skipped())
          .containsExactly("binary.txt: not UTF-8 text", "image.png: not Markdown, HTML or text");
      assertThatThrownBy(() -> k.add(tmp.resolve("missing")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("missing: no such file or folder");
    }
  }
}
