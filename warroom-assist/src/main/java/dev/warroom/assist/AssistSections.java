package dev.warroom.assist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.assist.kb.Passage;
import dev.warroom.assist.kb.RelatedKnowledge;
import dev.warroom.assist.llm.AssistText;
import dev.warroom.assist.llm.SentenceCheck;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Adds the knowledge-base and LLM sections to a rendered report, after the fact, so the report's
 * own renderers stay as they are and the report without them is the report with them less these
 * sections, byte for byte. Markdown and HTML get one block between {@link #BEGIN} and {@link #END}
 * comments (at the end of the Markdown, before {@code </body>} in HTML); JSON gets one last
 * top-level field, {@code "assist"}, written with the report's own pretty printer.
 */
public final class AssistSections {
  /** Opens the added block in Markdown and HTML. */
  public static final String BEGIN = "<!-- warroom-assist:begin -->";

  /** Closes the added block in Markdown and HTML. */
  public static final String END = "<!-- warroom-assist:end -->";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AssistSections() {}

  /** The report formats these sections can be added to. */
  public enum Format {
    MD,
    HTML,
    JSON
  }

  /**
   * {@code report} (rendered in {@code format}) with the related knowledge (when a knowledge base
   * was asked for) and the LLM texts; {@code report} itself when there is neither.
   */
  public static String add(
      String report, Format format, Optional<RelatedKnowledge> knowledge, List<AssistText> llm) {
    if (knowledge.isEmpty() && llm.isEmpty()) {
      return report;
    }
    return switch (format) {
      case MD -> report + "\n" + BEGIN + "\n" + markdown(knowledge, llm) + END + "\n";
      case HTML -> html(report, knowledge, llm);
      case JSON -> json(report, knowledge, llm);
    };
  }

  static String markdown(Optional<RelatedKnowledge> knowledge, List<AssistText> llm) {
    StringBuilder s = new StringBuilder();
    knowledge.ifPresent(
        k -> {
          s.append("## Related knowledge\n\n");
          if (k.query().isEmpty()) {
            s.append("No root-cause candidate to look up in the knowledge base.\n\n");
          } else if (k.passages().isEmpty()) {
            s.append("No passage of the knowledge base matches \"")
                .append(md(k.query()))
                .append("\".\n\n");
          } else {
            s.append("Passages of the knowledge base for the top candidate (query: \"")
                .append(md(shortQuery(k.query())))
                .append("\"), best first:\n\n");
            int i = 1;
            for (Passage p : k.passages()) {
              s.append(i++)
                  .append(". **")
                  .append(md(p.document()))
                  .append("** › ")
                  .append(md(p.section()))
                  .append(String.format(Locale.ROOT, " (score %.4f): ", p.score()))
                  .append(md(p.snippet()))
                  .append('\n');
            }
            s.append('\n');
          }
        });
    if (!llm.isEmpty()) {
      s.append("## Assistant (LLM)\n\n")
          .append(
              "_Written by an LLM from this report's evidence only. Each sentence was checked"
                  + " against the evidence; sentences naming what the evidence does not hold were"
                  + " dropped and are listed. The verdict and candidates above are warroom's, not"
                  + " the LLM's._\n\n");
      for (AssistText t : llm) {
        s.append("### ").append(md(t.title())).append("\n\n");
        if (t.error() != null) {
          s.append("_").append(md(t.error())).append("_\n\n");
          continue;
        }
        s.append(t.kept().isEmpty() ? "_No sentence passed the check._" : md(t.text()))
            .append("\n\n");
        for (SentenceCheck.Dropped d : t.dropped()) {
          s.append("- dropped: \"")
              .append(md(d.sentence()))
              .append("\" (not in the evidence: ")
              .append(md(String.join(", ", d.unsupported())))
              .append(")\n");
        }
        if (t.refusedToolCalls() > 0) {
          s.append("- refused: ")
              .append(t.refusedToolCalls())
              .append(" tool call(s) (none offered)\n");
        }
        if (!t.dropped().isEmpty() || t.refusedToolCalls() > 0) {
          s.append('\n');
        }
      }
    }
    return s.toString();
  }

  static String html(String report, Optional<RelatedKnowledge> knowledge, List<AssistText> llm) {
    StringBuilder s = new StringBuilder();
    s.append(BEGIN).append("\n<section class=\"assist\">\n");
    knowledge.ifPresent(
        k -> {
          s.append("<h2>Related knowledge</h2>\n");
          if (k.passages().isEmpty()) {
            s.append("<p>No passage of the knowledge base matches.</p>\n");
          } else {
            s.append("<p>Passages for the top candidate (query: &quot;")
                .append(esc(shortQuery(k.query())))
                .append("&quot;), best first:</p>\n<ol>\n");
            for (Passage p : k.passages()) {
              s.append("<li><strong>")
                  .append(esc(p.document()))
                  .append("</strong> › ")
                  .append(esc(p.section()))
                  .append(String.format(Locale.ROOT, " <small>(score %.4f)</small>: ", p.score()))
                  .append(esc(p.snippet()))
                  .append("</li>\n");
            }
            s.append("</ol>\n");
          }
        });
    if (!llm.isEmpty()) {
      s.append("<h2>Assistant (LLM)</h2>\n<p><em>Written by an LLM from this report's evidence")
          .append(" only; each sentence was checked against the evidence. The verdict and")
          .append(" candidates are warroom's, not the LLM's.</em></p>\n");
      for (AssistText t : llm) {
        s.append("<h3>").append(esc(t.title())).append("</h3>\n");
        if (t.error() != null) {
          s.append("<p><em>").append(esc(t.error())).append("</em></p>\n");
          continue;
        }
        s.append("<p>").append(esc(t.text())).append("</p>\n");
        if (!t.dropped().isEmpty() || t.refusedToolCalls() > 0) {
          s.append("<ul class=\"dropped\">\n");
          for (SentenceCheck.Dropped d : t.dropped()) {
            s.append("<li>dropped: &quot;")
                .append(esc(d.sentence()))
                .append("&quot; (not in the evidence: ")
                .append(esc(String.join(", ", d.unsupported())))
                .append(")</li>\n");
          }
          if (t.refusedToolCalls() > 0) {
            s.append("<li>refused: ").append(t.refusedToolCalls()).append(" tool call(s)</li>\n");
          }
          s.append("</ul>\n");
        }
      }
    }
    s.append("</section>\n").append(END).append('\n');
    int body = report.lastIndexOf("</body>");
    if (body < 0) {
      return report + s;
    }
    return report.substring(0, body) + s + report.substring(body);
  }

  static String json(String report, Optional<RelatedKnowledge> knowledge, List<AssistText> llm) {
    ObjectNode assist = JSON.createObjectNode();
    knowledge.ifPresent(
        k -> {
          ObjectNode n = assist.putObject("relatedKnowledge");
          n.put("query", k.query());
          ArrayNode ps = n.putArray("passages");
          for (Passage p : k.passages()) {
            ObjectNode o = ps.addObject();
            o.put("document", p.document());
            o.put("section", p.section());
            o.put("score", p.score());
            o.put("snippet", p.snippet());
            o.put("lexicalRank", p.lexicalRank());
            o.put("semanticRank", p.semanticRank());
          }
        });
    if (!llm.isEmpty()) {
      ArrayNode texts = assist.putArray("llm");
      for (AssistText t : llm) {
        ObjectNode o = texts.addObject();
        o.put("title", t.title());
        o.put("text", t.text());
        ArrayNode dropped = o.putArray("dropped");
        for (SentenceCheck.Dropped d : t.dropped()) {
          ObjectNode x = dropped.addObject();
          x.put("sentence", d.sentence());
          ArrayNode u = x.putArray("unsupported");
          d.unsupported().forEach(u::add);
        }
        o.put("refusedToolCalls", t.refusedToolCalls());
        o.put("error", t.error());
      }
    }
    String body;
    try {
      body = JSON.writeValueAsString(assist);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the assist section", e);
    }
    // The report ends "\n}\n" (JsonReport); the field goes in as its last member, indented as the
    // report's pretty printer indents, so cutting it out gives the report back byte for byte.
    int close = report.lastIndexOf("\n}");
    if (close < 0) {
      throw new IllegalArgumentException("not a JSON report: no closing brace");
    }
    String indented = body.replace("\n", "\n  ");
    return report.substring(0, close) + ",\n  \"assist\" : " + indented + report.substring(close);
  }

  /** The query as shown to a reader: its first 160 characters (JSON keeps it whole). */
  static String shortQuery(String q) {
    return q.length() <= 160 ? q : q.substring(0, 159) + "…";
  }

  private static String md(String s) {
    return s.replaceAll("([\\\\`*_\\[\\]<>|])", "\\\\$1").replace("\n", " ");
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
