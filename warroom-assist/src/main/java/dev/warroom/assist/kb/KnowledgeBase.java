package dev.warroom.assist.kb;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A knowledge base on disk: one Lucene index in which every {@link Section} is a document with its
 * words (BM25, English stemming and stop words) and its MiniLM embedding (cosine HNSW). A file is
 * keyed by its absolute path and the SHA-256 of its bytes: adding it again when it changed replaces
 * all its sections; adding it unchanged does nothing. Not thread-safe for writers; {@link #close}
 * when done.
 */
public final class KnowledgeBase implements AutoCloseable {
  /** Where {@code warroom kb} keeps its index unless told otherwise. */
  public static Path defaultDirectory() {
    String env = System.getenv("WARROOM_KB");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".warroom", "kb");
  }

  private static final String PATH = "path";
  private static final String SHA = "sha";
  private static final String DOCUMENT = "document";
  private static final String SECTION = "section";
  private static final String TEXT = "text";
  private static final String BODY = "body";
  private static final String VECTOR = "vector";

  private final Path home;
  private final Directory directory;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final EmbeddingModel embeddings;
  // Opened by the first add(): searching takes no write lock, so several readers may share a kb.
  private IndexWriter writer;

  private KnowledgeBase(Path dir, EmbeddingModel embeddings) throws IOException {
    Files.createDirectories(dir);
    this.home = dir.toAbsolutePath().normalize();
    this.directory = FSDirectory.open(dir.resolve("index"));
    this.embeddings = embeddings;
  }

  private IndexWriter writer() throws IOException {
    if (writer == null) {
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      writer = new IndexWriter(directory, config);
      writer.commit();
    }
    return writer;
  }

  /** A reader of the current index: the writer's view after an add, else the last commit. */
  private DirectoryReader reader() throws IOException {
    if (writer != null) {
      return DirectoryReader.open(writer);
    }
    if (!DirectoryReader.indexExists(directory)) {
      writer();
      return DirectoryReader.open(writer);
    }
    return DirectoryReader.open(directory);
  }

  /** Opens (or creates) the knowledge base in {@code dir} with the in-jar MiniLM-L6-v2 model. */
  public static KnowledgeBase open(Path dir) throws IOException {
    return open(dir, new AllMiniLmL6V2QuantizedEmbeddingModel());
  }

  /** Opens (or creates) the knowledge base in {@code dir} with the given embedding model. */
  public static KnowledgeBase open(Path dir, EmbeddingModel embeddings) throws IOException {
    return new KnowledgeBase(dir, embeddings);
  }

  /** What one {@link #add} did: files indexed, replaced, left as they were, and skipped. */
  public record AddResult(
      List<String> added,
      List<String> replaced,
      List<String> unchanged,
      List<String> skipped,
      int sections) {
    public AddResult {
      added = List.copyOf(added);
      replaced = List.copyOf(replaced);
      unchanged = List.copyOf(unchanged);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Indexes every Markdown, HTML and text file under {@code root} (or the one file {@code root}
   * names). Documents are named relative to {@code root}'s folder. A file that is not UTF-8 text is
   * skipped and listed ({@code path: why}), the rest still go in.
   */
  public AddResult add(Path root) throws IOException {
    if (!Files.exists(root)) {
      throw new IllegalArgumentException(root + ": no such file or folder");
    }
    Path base = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      // The index itself may lie inside the folder added (a kb kept beside its docs).
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> !f.toAbsolutePath().normalize().startsWith(home))
              .sorted()
              .toList();
    }
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int sections = 0;
    for (Path file : files) {
      String name = base.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
      Optional<String> kind = DocumentSplitter.kind(file.getFileName().toString());
      if (kind.isEmpty()) {
        skipped.add(name + ": not Markdown, HTML or text");
        continue;
      }
      byte[] bytes = Files.readAllBytes(file);
      String content;
      try {
        content =
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        skipped.add(name + ": not UTF-8 text");
        continue;
      }
      String key = file.toAbsolutePath().normalize().toString();
      String sha = sha256(bytes);
      Optional<String> previous = storedSha(key);
      if (previous.isPresent() && previous.get().equals(sha)) {
        unchanged.add(name);
        continue;
      }
      List<Section> split = DocumentSplitter.split(name, kind.get(), content);
      writer().deleteDocuments(new Term(PATH, key));
      for (Section s : split) {
        writer().addDocument(document(key, sha, s));
      }
      sections += split.size();
      (previous.isPresent() ? replaced : added).add(name);
    }
    writer().commit();
    return new AddResult(added, replaced, unchanged, skipped, sections);
  }

  private Document document(String key, String sha, Section s) {
    Document d = new Document();
    d.add(new StringField(PATH, key, Field.Store.YES));
    d.add(new StringField(SHA, sha, Field.Store.YES));
    d.add(new StoredField(DOCUMENT, s.document()));
    d.add(new StoredField(SECTION, s.section()));
    d.add(new StoredField(BODY, s.text()));
    // The heading words count for BM25 as much as the body's: "Mitigation" names what follows.
    d.add(new TextField(TEXT, s.section() + "\n" + s.text(), Field.Store.NO));
    d.add(
        new KnnFloatVectorField(
            VECTOR, embed(s.section() + ": " + s.text()), VectorSimilarityFunction.COSINE));
    return d;
  }

  private float[] embed(String text) {
    return embeddings.embed(text).content().vector();
  }

  private Optional<String> storedSha(String key) throws IOException {
    try (DirectoryReader reader = reader()) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TopDocs hits = searcher.search(new TermQuery(new Term(PATH, key)), 1);
      if (hits.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(searcher.storedFields().document(hits.scoreDocs[0].doc).get(SHA));
    }
  }

  /** How many sections the index holds. */
  public int size() throws IOException {
    try (DirectoryReader reader = reader()) {
      return reader.numDocs();
    }
  }

  /**
   * The {@code top} passages for {@code query}, best first, by the retrievers {@code mode} names.
   */
  public List<Passage> search(String query, int top, SearchMode mode) {
    if (top < 1) {
      throw new IllegalArgumentException("top < 1: " + top);
    }
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("empty query");
    }
    try (DirectoryReader reader = reader()) {
      if (reader.numDocs() == 0) {
        return List.of();
      }
      IndexSearcher searcher = new IndexSearcher(reader);
      // Each list runs deeper than asked, so fusion can lift what one retriever ranks lower.
      int depth = Math.max(50, top * 5);
      List<String> lexical =
          mode == SearchMode.SEMANTIC ? List.of() : keys(searcher, lexicalQuery(query), depth);
      List<String> semantic =
          mode == SearchMode.LEXICAL
              ? List.of()
              : keys(searcher, new KnnFloatVectorQuery(VECTOR, embed(query), depth), depth);
      List<ReciprocalRankFusion.Fused> fused =
          ReciprocalRankFusion.fuse(List.of(lexical, semantic));
      List<Passage> out = new ArrayList<>();
      for (ReciprocalRankFusion.Fused f : fused.subList(0, Math.min(top, fused.size()))) {
        Document d = searcher.storedFields().document(Integer.parseInt(f.key()));
        out.add(
            new Passage(
                d.get(DOCUMENT),
                d.get(SECTION),
                f.score(),
                Snippet.of(d.get(BODY), query),
                f.ranks()[0],
                f.ranks()[1]));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Query lexicalQuery(String query) {
    try {
      return new QueryParser(TEXT, analyzer).parse(QueryParser.escape(query));
    } catch (ParseException e) {
      throw new IllegalArgumentException(
          "cannot parse query '" + query + "': " + e.getMessage(), e);
    }
  }

  /** Lucene doc ids as keys; valid for the one reader both lists were searched with. */
  private static List<String> keys(IndexSearcher searcher, Query q, int n) throws IOException {
    List<String> out = new ArrayList<>();
    for (ScoreDoc sd : searcher.search(q, n).scoreDocs) {
      out.add(Integer.toString(sd.doc));
    }
    return out;
  }

  /** Every indexed document with its section count, by name. */
  public Map<String, Integer> documents() throws IOException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (DirectoryReader reader = reader()) {
      var stored = reader.storedFields();
      var live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
      for (int i = 0; i < reader.maxDoc(); i++) {
        if (live == null || live.get(i)) {
          out.merge(stored.document(i).get(DOCUMENT), 1, Integer::sum);
        }
      }
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
    }
    directory.close();
  }
}
