package dev.warroom.assist.llm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the test corpora under src/test/resources/llm: one case a line, '#' lines are comments. */
final class Corpora {
  private Corpora() {}

  static List<String> lines(String name) {
    try (InputStream in = Corpora.class.getResourceAsStream("/llm/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test corpus llm/" + name);
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One PII case: its kind, the text with the value planted, the value. */
  record Pii(String kind, String text, String secret) {
    /** The text as it goes into telemetry: the corpus writes a newline as backslash-n. */
    String planted() {
      return text.replace("\\n", "\n");
    }
  }

  static List<Pii> pii() {
    return lines("pii-cases.tsv").stream()
        .map(l -> l.split("\t", -1))
        .map(f -> new Pii(f[0], f[1], f[2]))
        .toList();
  }

  static final List<String> USERS = List.of("jsmith", "maria.garcia", "ops-bot");
}
