package dev.warroom.assist.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSplitterTest {
  @Test
  void splitsMarkdownByHeadingPathKeepingFencedCodeInItsSection() {
    String md =
        "Intro line.\n\n# Title\n\n## A\n\nText a with `code`.\n\n```\n# not a heading\n```\n"
            + "\n### A1\n\nDeep.\n\n## B\n\n- item *one*\n";
    List<Section> s = DocumentSplitter.split("x.md", "markdown", md);
    assertThat(s)
        .extracting(Section::section)
        .containsExactly("(introduction)", "Title > A", "Title > A > A1", "Title > B");
    assertThat(s.get(1).text()).contains("Text a with code.").contains("# not a heading");
    assertThat(s.get(3).text()).isEqualTo("item one");
  }

  @Test
  void readsSetextHeadings() {
    List<Section> s =
        DocumentSplitter.split("t.md", "markdown", "Top\n===\n\nabout\n\nSub\n---\n\nmore\n");
    assertThat(s).extracting(Section::section).containsExactly("Top", "Top > Sub");
  }

  @Test
  void splitsHtmlByHeadingsAndDropsScriptsAndNavigation() {
    String html =
        "<html><head><script>evil()</script></head><body><nav>menu</nav><h1>Run</h1>"
            + "<p>First <b>bold</b>.</p><h2>Step</h2><ul><li>one</li><li>two</li></ul></body></html>";
    List<Section> s = DocumentSplitter.split("r.html", "html", html);
    assertThat(s).extracting(Section::section).containsExactly("Run", "Run > Step");
    assertThat(s.get(0).text()).isEqualTo("First bold.");
    assertThat(s.get(1).text()).contains("one").contains("two");
    assertThat(s).allSatisfy(x -> assertThat(x.text()).doesNotContain("evil", "menu"));
  }

  @Test
  void splitsTextByParagraphsAndCutsLongSections() {
    assertThat(DocumentSplitter.split("n.txt", "text", "a b\nc\n\n  \nd e\n"))
        .extracting(Section::section, Section::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("paragraph 1", "a b\nc"),
            org.assertj.core.groups.Tuple.tuple("paragraph 2", "d e"));
    String longText = "Sentence number one is here. ".repeat(120);
    List<Section> parts = DocumentSplitter.split("l.txt", "text", longText);
    assertThat(parts.size()).isGreaterThan(1);
    assertThat(parts.get(1).section()).isEqualTo("paragraph 1 (part 2)");
    assertThat(parts).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(1500));
  }

  @Test
  void fusesRanksByReciprocalRank() {
    var fused = ReciprocalRankFusion.fuse(List.of(List.of("a", "b"), List.of("b", "c")));
    assertThat(fused).extracting(ReciprocalRankFusion.Fused::key).containsExactly("b", "a", "c");
    assertThat(fused.get(0).score()).isEqualTo(1.0 / 62 + 1.0 / 61);
  }
}
