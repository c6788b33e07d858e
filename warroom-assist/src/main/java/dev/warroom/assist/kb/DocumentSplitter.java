package dev.warroom.assist.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Cuts a document into {@link Section}s by its own structure: Markdown by ATX and setext headings
 * (fenced code kept inside its section), HTML by {@code h1}–{@code h6} (parsed with jsoup; scripts,
 * styles and navigation dropped), plain text by blank-line paragraphs. A section longer than {@link
 * #MAX_CHARS} is cut at paragraph boundaries into parts, so one embedding does not average away a
 * long page (MiniLM reads 256 word pieces at a time).
 */
final class DocumentSplitter {
  static final int MAX_CHARS = 1500;
  static final String INTRODUCTION = "(introduction)";

  private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t#]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final Set<String> BLOCKS =
      Set.of(
          "p", "li", "pre", "blockquote", "td", "th", "dd", "dt", "figcaption", "caption", "code");

  private DocumentSplitter() {}

  /** The kind of a file by its extension, or empty when the knowledge base does not read it. */
  static Optional<String> kind(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".md") || n.endsWith(".markdown")) {
      return Optional.of("markdown");
    }
    if (n.endsWith(".html") || n.endsWith(".htm")) {
      return Optional.of("html");
    }
    if (n.endsWith(".txt") || n.endsWith(".text") || n.endsWith(".rst") || n.endsWith(".adoc")) {
      return Optional.of("text");
    }
    return Optional.empty();
  }

  static List<Section> split(String document, String kind, String content) {
    List<Section> raw =
        switch (kind) {
          case "markdown" -> markdown(document, content);
          case "html" -> html(document, content);
          case "text" -> text(document, content);
          default -> throw new IllegalArgumentException("unknown document kind: " + kind);
        };
    List<Section> out = new ArrayList<>();
    for (Section s : raw) {
      out.addAll(cut(s));
    }
    return out;
  }

  static List<Section> markdown(String document, String content) {
    List<Section> out = new ArrayList<>();
    List<String> path = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    boolean fenced = false;
    String[] lines = content.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (FENCE.matcher(line).find()) {
        fenced = !fenced;
        continue;
      }
      Matcher atx = fenced ? null : ATX.matcher(line);
      int level = 0;
      String title = null;
      if (atx != null && atx.matches()) {
        level = atx.group(1).length();
        title = atx.group(2).strip();
      } else if (!fenced
          && i + 1 < lines.length
          && !line.isBlank()
          && SETEXT.matcher(lines[i + 1]).matches()
          && (i == 0 || lines[i - 1].isBlank())) {
        level = lines[i + 1].strip().charAt(0) == '=' ? 1 : 2;
        title = line.strip();
        i++;
      }
      if (title != null) {
        flush(out, document, path, body);
        while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
          levels.remove(levels.size() - 1);
          path.remove(path.size() - 1);
        }
        levels.add(level);
        path.add(inlineMarkdown(title));
        continue;
      }
      body.append(fenced ? line : inlineMarkdown(line)).append('\n');
    }
    flush(out, document, path, body);
    return out;
  }

  /** Drops emphasis, link targets and inline code marks; keeps the words. */
  private static String inlineMarkdown(String line) {
    return line.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
        .replaceAll("`([^`]+)`", "$1")
        // Emphasis only between non-word characters: pg_terminate_backend keeps its underscores.
        .replaceAll("(?<![\\w*_])([*_]{1,3})(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*_])", "$2")
        .replaceAll("^\\s*(?:[-*+]|\\d+[.)])\\s+", "")
        .replaceAll("^\\s*>\\s?", "");
  }

  private static void flush(
      List<Section> out, String document, List<String> path, StringBuilder body) {
    String text = body.toString().strip();
    body.setLength(0);
    if (!text.isEmpty()) {
      String name = path.isEmpty() ? INTRODUCTION : String.join(" > ", path);
      out.add(new Section(document, name, text));
    }
  }

  static List<Section> html(String document, String content) {
    Document doc = Jsoup.parse(content);
    doc.select("script, style, nav, noscript, template").remove();
    List<Section> out = new ArrayList<>();
    List<String> path = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    Element root = doc.body();
    for (Element e : root.getAllElements()) {
      String tag = e.normalName();
      if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
        int level = tag.charAt(1) - '0';
        flush(out, document, path, body);
        while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
          levels.remove(levels.size() - 1);
          path.remove(path.size() - 1);
        }
        levels.add(level);
        path.add(e.text().strip());
      } else if (BLOCKS.contains(tag) && !insideBlockOrHeading(e)) {
        String text = tag.equals("pre") ? e.wholeText() : e.text();
        if (!text.isBlank()) {
          body.append(text.strip()).append("\n\n");
        }
      } else if (!BLOCKS.contains(tag) && !insideBlockOrHeading(e) && e.hasText()) {
        String own = e.ownText().strip();
        if (!own.isEmpty()) {
          body.append(own).append("\n\n");
        }
      }
    }
    flush(out, document, path, body);
    return out;
  }

  private static boolean insideBlockOrHeading(Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      String tag = p.normalName();
      if (BLOCKS.contains(tag) || tag.matches("h[1-6]")) {
        return true;
      }
    }
    return false;
  }

  static List<Section> text(String document, String content) {
    List<Section> out = new ArrayList<>();
    int n = 0;
    for (String para : content.split("\\R[ \\t]*\\R")) {
      String p = para.strip();
      if (!p.isEmpty()) {
        n++;
        out.add(new Section(document, "paragraph " + n, p));
      }
    }
    return out;
  }

  /** Cuts an over-long section at paragraph (then sentence) boundaries into numbered parts. */
  static List<Section> cut(Section s) {
    if (s.text().length() <= MAX_CHARS) {
      return List.of(s);
    }
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String unit : s.text().split("(?<=\\n\\n)|(?<=[.!?])\\s+")) {
      if (cur.length() > 0 && cur.length() + unit.length() > MAX_CHARS) {
        parts.add(cur.toString().strip());
        cur.setLength(0);
      }
      cur.append(unit).append(' ');
    }
    if (!cur.toString().isBlank()) {
      parts.add(cur.toString().strip());
    }
    List<Section> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String name = i == 0 ? s.section() : s.section() + " (part " + (i + 1) + ")";
      out.add(new Section(s.document(), name, parts.get(i)));
    }
    return out;
  }
}
