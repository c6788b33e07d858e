package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.assist.kb.KnowledgeBase;
import dev.warroom.assist.kb.Passage;
import dev.warroom.assist.kb.SearchMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom kb add|search}: the knowledge base of postmortems, runbooks and docs. */
@Command(
    name = "kb",
    mixinStandardHelpOptions = true,
    description = {
      "The knowledge base: postmortems, runbooks and docs (Markdown, HTML, text), split by"
          + " heading and searched by BM25 and MiniLM embeddings together (docs/assist.md).",
      "It lives in --kb DIR, else $WARROOM_KB, else ~/.warroom/kb."
    },
    footer = {
      "",
      "Examples:",
      "  warroom kb add ./postmortems",
      "  warroom kb search \"connection pool exhausted\" --top 3",
      "  warroom investigate ./bundle --kb ~/.warroom/kb"
    },
    subcommands = {CommandLine.HelpCommand.class, KbCommand.Add.class, KbCommand.Search.class})
final class KbCommand {
  static Path dir(Path option) {
    return option != null ? option : KnowledgeBase.defaultDirectory();
  }

  /** {@code warroom kb add DIR...}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Indexes every .md, .html and .txt file under each DIR (or the FILE). A file added"
              + " again replaces its sections when it changed and is left alone when it did not.")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders or files to index.")
    List<Path> roots;

    @Option(names = "--kb", paramLabel = "DIR", description = "The knowledge base folder.")
    Path kb;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (KnowledgeBase base = KnowledgeBase.open(dir(kb))) {
        for (Path root : roots) {
          KnowledgeBase.AddResult r = base.add(root);
          out.printf(
              Locale.ROOT,
              "%s: %d added, %d replaced, %d unchanged, %d skipped; %d sections indexed%n",
              root,
              r.added().size(),
              r.replaced().size(),
              r.unchanged().size(),
              r.skipped().size(),
              r.sections());
          r.skipped().forEach(s -> err.println("skipped: " + s));
        }
        out.printf(Locale.ROOT, "knowledge base %s holds %d sections%n", dir(kb), base.size());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code warroom kb search QUERY [--json] [--top N]}. */
  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description =
          "Prints the best passages for QUERY: document, section, score (reciprocal-rank"
              + " fusion of BM25 and embeddings) and a snippet.")
  static final class Search implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The words to look for.")
    List<String> words;

    @Option(names = "--kb", paramLabel = "DIR", description = "The knowledge base folder.")
    Path kb;

    @Option(
        names = "--top",
        paramLabel = "N",
        defaultValue = "5",
        description = "Passages to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
        names = "--mode",
        defaultValue = "hybrid",
        description =
            "hybrid, lexical (BM25 only) or semantic (embeddings only); default ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      SearchMode m;
      try {
        m = SearchMode.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--mode: unknown mode '" + mode + "' (hybrid, lexical, semantic)");
      }
      Path d = dir(kb);
      if (!d.resolve("index").toFile().isDirectory()) {
        throw new IllegalArgumentException(
            "no knowledge base in " + d + ": add documents first with 'warroom kb add DIR'");
      }
      String query = String.join(" ", words);
      List<Passage> hits;
      try (KnowledgeBase base = KnowledgeBase.open(d)) {
        hits = base.search(query, top, m);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("query", query);
        root.put("mode", m.name().toLowerCase(Locale.ROOT));
        ArrayNode a = root.putArray("passages");
        for (Passage p : hits) {
          a.addObject()
              .put("document", p.document())
              .put("section", p.section())
              .put("score", p.score())
              .put("snippet", p.snippet())
              .put("lexicalRank", p.lexicalRank())
              .put("semanticRank", p.semanticRank());
        }
        out.println(mapper.writeValueAsString(root));
      } else if (hits.isEmpty()) {
        out.println("no passage matches");
      } else {
        int i = 1;
        for (Passage p : hits) {
          out.printf(
              Locale.ROOT,
              "%d. %s › %s  (score %.4f; bm25 #%s, embeddings #%s)%n   %s%n",
              i++,
              p.document(),
              p.section(),
              p.score(),
              p.lexicalRank() == 0 ? "-" : p.lexicalRank(),
              p.semanticRank() == 0 ? "-" : p.semanticRank(),
              p.snippet());
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
