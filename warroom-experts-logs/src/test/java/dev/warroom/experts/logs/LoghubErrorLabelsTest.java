package dev.warroom.experts.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warroom.model.SharedDatasets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Precision, recall and F1 of {@link ErrorClassifier} and {@link EntityExtractor} on hand-labelled
 * real lines of Loghub-2k ({@code loghub-error-labels.csv}: system, LineId, labels). Prints the
 * figures; the floors are the measured values rounded down.
 */
class LoghubErrorLabelsTest {

  record Labelled(String content, ErrorCategory category, Set<String> entities) {}

  @Test
  void classifiesAndExtractsFromRealLoghubLinesAboveTheMeasuredFloor() throws IOException {
    Optional<Path> data = SharedDatasets.find("loghub-2k");
    if (data.isEmpty() && SharedDatasets.inCi()) {
      fail("loghub-2k dataset missing under CI");
    }
    assumeTrue(data.isPresent(), "loghub-2k absent, skipping");
    List<Labelled> set = load(data.get());
    assertThat(set).hasSizeGreaterThan(60);

    int predicted = 0;
    int gold = 0;
    int correct = 0;
    int entPredicted = 0;
    int entGold = 0;
    int entCorrect = 0;
    for (Labelled l : set) {
      ErrorCategory got = ErrorClassifier.classify(l.content());
      if (got != ErrorCategory.OTHER) {
        predicted++;
      }
      if (l.category() != ErrorCategory.OTHER) {
        gold++;
        if (got == l.category()) {
          correct++;
        }
      }
      Set<String> ents =
          EntityExtractor.extract(l.content()).stream()
              .map(e -> e.type() + "=" + e.value())
              .collect(Collectors.toSet());
      entPredicted += ents.size();
      entGold += l.entities().size();
      for (String e : ents) {
        if (l.entities().contains(e)) {
          entCorrect++;
        }
      }
    }
    double p = (double) correct / predicted;
    double r = (double) correct / gold;
    double ep = (double) entCorrect / entPredicted;
    double er = (double) entCorrect / entGold;
    System.out.printf(
        "error classification on %d real lines: P %.3f R %.3f F1 %.3f%n",
        set.size(), p, r, f1(p, r));
    System.out.printf(
        "entity extraction (%d gold entities): P %.3f R %.3f F1 %.3f%n",
        entGold, ep, er, f1(ep, er));
    assertThat(f1(p, r)).isGreaterThanOrEqualTo(FLOOR_CLASSIFICATION_F1);
    assertThat(f1(ep, er)).isGreaterThanOrEqualTo(FLOOR_ENTITY_F1);
  }

  static final double FLOOR_CLASSIFICATION_F1 = 0.85;
  static final double FLOOR_ENTITY_F1 = 0.90;

  static double f1(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  static List<Labelled> load(Path loghub) throws IOException {
    String text;
    try (InputStream in =
        LoghubErrorLabelsTest.class.getResourceAsStream("/loghub-error-labels.csv")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Map<Integer, String>> contents = new HashMap<>();
    List<Labelled> out = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", 4);
      Map<Integer, String> byId =
          contents.computeIfAbsent(f[0], s -> contentsOf(loghub.resolve(s), s));
      String content = byId.get(Integer.parseInt(f[1]));
      Set<String> ents = new HashSet<>();
      if (f.length > 3 && !f[3].isBlank()) {
        for (String e : f[3].split(";")) {
          ents.add(e.strip());
        }
      }
      out.add(new Labelled(content, ErrorCategory.valueOf(f[2]), ents));
    }
    return out;
  }

  private static Map<Integer, String> contentsOf(Path dir, String system) {
    try {
      Path csv = dir.resolve(system + "_2k.log_structured_corrected.csv");
      List<List<String>> rows = LoghubCsv.parse(Files.readString(csv), csv.toString());
      int id = rows.get(0).indexOf("LineId");
      int content = rows.get(0).indexOf("Content");
      Map<Integer, String> m = new HashMap<>();
      for (List<String> r : rows.subList(1, rows.size())) {
        m.put(Integer.parseInt(r.get(id)), r.get(content));
      }
      return m;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
