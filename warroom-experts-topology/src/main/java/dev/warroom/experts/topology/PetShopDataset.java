package dev.warroom.experts.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the PetShop RCA dataset layout: {@code <traffic>/graph.csv} (adjacency matrix, row =
 * caller, column = callee, non-zero = edge), {@code <traffic>/noissue/metrics.csv} (normal
 * operation) and {@code <traffic>/train/issue_N/{metrics.csv,target.json}}.
 */
public final class PetShopDataset {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PetShopDataset() {}

  /** One traffic level: its graph, its normal-operation metrics and its labelled issues. */
  public record Scenario(
      String traffic, Topology graph, PetShopMetrics baseline, List<PetShopIssue> issues) {
    public Scenario {
      issues = List.copyOf(issues);
    }
  }

  /**
   * Loads every traffic level under {@code root} (folders holding a {@code graph.csv}), sorted by
   * name.
   *
   * @throws IllegalArgumentException when no traffic level is found or a file is malformed
   */
  public static List<Scenario> load(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("--data: not a directory: " + root);
    }
    List<Scenario> out = new ArrayList<>();
    for (Path dir : sortedChildren(root)) {
      if (Files.isRegularFile(dir.resolve("graph.csv"))) {
        out.add(loadScenario(dir));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(root + ": no <traffic>/graph.csv found");
    }
    return List.copyOf(out);
  }

  static Scenario loadScenario(Path dir) throws IOException {
    String traffic = dir.getFileName().toString();
    Topology graph = readGraph(dir.resolve("graph.csv"));
    Path base = dir.resolve("noissue").resolve("metrics.csv");
    if (!Files.isRegularFile(base)) {
      throw new IllegalArgumentException(base + ": missing normal-operation metrics");
    }
    PetShopMetrics baseline = PetShopMetrics.read(base);
    List<PetShopIssue> issues = new ArrayList<>();
    Path train = dir.resolve("train");
    if (Files.isDirectory(train)) {
      for (Path issue : sortedChildren(train)) {
        if (Files.isRegularFile(issue.resolve("target.json"))) {
          issues.add(readIssue(traffic, issue));
        }
      }
    }
    return new Scenario(traffic, graph, baseline, issues);
  }

  static PetShopIssue readIssue(String traffic, Path dir) throws IOException {
    Path targetFile = dir.resolve("target.json");
    JsonNode t = JSON.readTree(targetFile.toFile());
    JsonNode target = t.path("target");
    JsonNode root = t.path("root_cause");
    for (String field : List.of("node", "metric", "agg", "timestamp")) {
      if (!target.hasNonNull(field)) {
        throw new IllegalArgumentException(targetFile + "#/target/" + field + ": missing");
      }
    }
    if (!root.hasNonNull("node")) {
      throw new IllegalArgumentException(targetFile + "#/root_cause/node: missing");
    }
    return new PetShopIssue(
        traffic,
        dir.getFileName().toString(),
        target.get("node").asText(),
        target.get("metric").asText(),
        target.get("agg").asText(),
        Instant.ofEpochSecond(target.get("timestamp").asLong()),
        root.get("node").asText(),
        PetShopMetrics.read(dir.resolve("metrics.csv")));
  }

  /** Reads the adjacency matrix of {@code graph.csv} into a topology of edges. */
  public static Topology readGraph(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + ":1: empty graph");
    }
    List<String> header = PetShopCsv.split(lines.get(0));
    List<DependencyEdge> edges = new ArrayList<>();
    for (int ln = 1; ln < lines.size(); ln++) {
      if (lines.get(ln).isBlank()) {
        continue;
      }
      List<String> cells = PetShopCsv.split(lines.get(ln));
      if (cells.size() != header.size()) {
        throw new IllegalArgumentException(
            file + ":" + (ln + 1) + ": " + cells.size() + " cells, expected " + header.size());
      }
      for (int i = 1; i < cells.size(); i++) {
        double w;
        try {
          w = Double.parseDouble(cells.get(i));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              file + ":" + (ln + 1) + ": not a number in column " + (i + 1), e);
        }
        if (w != 0) {
          edges.add(new DependencyEdge(cells.get(0), header.get(i), "", 0));
        }
      }
    }
    return new Topology(List.of(), List.of(), List.of(), edges);
  }

  private static List<Path> sortedChildren(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }
}
