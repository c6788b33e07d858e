package dev.warroom.experts.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warroom.model.Evidence;
import dev.warroom.model.Finding;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.SourceFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Top-1 accuracy of the code expert on labelled incident bundles (the gym's, or any bundle with a
 * {@code truth.json} whose {@code code_ref} is {@code path:line}): the expert reads every ERROR log
 * record of the bundle (all services, so it must find the faulty one itself) with {@link
 * CodeExpert#analyzeLogs} against the bundle's {@code code/<service>/} snapshot, and its top
 * finding's failing line (service, path and line) is compared with the truth. Bundles without a
 * {@code code_ref} are skipped. Usage: {@code CodeFaultBench [--verbose] DIR...} where each DIR is
 * a bundle or a folder of bundles; --verbose prints the top 3 findings of a miss.
 */
public final class CodeFaultBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One bundle's outcome: what the truth says, what the expert's top finding said. */
  public record Outcome(
      String bundle, String fault, String truth, String predicted, int traces, List<String> top3) {
    public boolean hit() {
      return truth.equals(predicted);
    }
  }

  private CodeFaultBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: CodeFaultBench BUNDLE_OR_FOLDER...");
    }
    List<Outcome> outcomes = new ArrayList<>();
    boolean verbose = false;
    for (String arg : args) {
      if (arg.equals("--verbose")) {
        verbose = true;
        continue;
      }
      for (Path bundle : bundles(Path.of(arg))) {
        evaluate(bundle).ifPresent(outcomes::add);
      }
    }
    Map<String, int[]> byFault = new TreeMap<>();
    for (Outcome o : outcomes) {
      System.out.printf(
          "%-4s %-45s truth %-40s top-1 %s%n",
          o.hit() ? "HIT" : "MISS", o.bundle(), o.truth(), o.predicted());
      if (!o.hit() && verbose) {
        o.top3().forEach(t -> System.out.println("       " + t));
      }
      int[] c = byFault.computeIfAbsent(o.fault(), k -> new int[2]);
      c[0] += o.hit() ? 1 : 0;
      c[1]++;
    }
    byFault.forEach(
        (f, c) ->
            System.out.printf("%-30s top-1 %d/%d = %.2f%n", f, c[0], c[1], (double) c[0] / c[1]));
    long hits = outcomes.stream().filter(Outcome::hit).count();
    System.out.printf(
        "ALL top-1 file:line accuracy %d/%d = %.2f%n",
        hits, outcomes.size(), outcomes.isEmpty() ? 0 : (double) hits / outcomes.size());
  }

  /** Bundles under {@code dir}: itself when it has a truth.json, else its sub-folders that do. */
  static List<Path> bundles(Path dir) throws IOException {
    if (Files.exists(dir.resolve("truth.json"))) {
      return List.of(dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.exists(p.resolve("truth.json"))).sorted().toList();
    }
  }

  /** The outcome on one bundle, empty when its truth names no code line. */
  public static Optional<Outcome> evaluate(Path bundle) throws IOException {
    JsonNode truth = JSON.readTree(bundle.resolve("truth.json").toFile());
    // a hit names the right service and the right path:line
    String ref =
        truth.path("root_cause_service").asText("") + ":" + truth.path("code_ref").asText("");
    if (truth.path("code_ref").asText("").isEmpty()) {
      return Optional.empty();
    }
    List<LogRecord> records = new ArrayList<>();
    int traces = 0;
    Path logs = bundle.resolve("logs/logs.jsonl");
    if (Files.exists(logs)) {
      try (BufferedReader in = Files.newBufferedReader(logs, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.contains("\"level\":\"ERROR\"")) {
            JsonNode r = JSON.readTree(line);
            records.add(
                LogRecord.of(
                    Instant.parse(r.path("ts").asText()),
                    r.path("service").asText(),
                    Severity.ERROR,
                    r.path("message").asText()));
            traces++;
          }
        }
      }
    }
    List<Finding> findings =
        new CodeExpert().analyzeLogs(records, snapshot(bundle.resolve("code")));
    String predicted =
        findings.isEmpty()
            ? "(none)"
            : findings.getFirst().evidence().stream()
                .map(Evidence::code)
                .filter(c -> c != null)
                .findFirst()
                .map(c -> c.repository() + ":" + c)
                .orElse("(unmapped) " + findings.getFirst().component());
    List<String> top3 =
        findings.stream()
            .limit(3)
            .map(f -> String.format("%.3f %s", f.score(), f.summary().replace('\n', ' ')))
            .map(t -> t.length() > 220 ? t.substring(0, 220) : t)
            .toList();
    return Optional.of(
        new Outcome(
            bundle.getFileName().toString(),
            truth.path("fault").asText(),
            ref,
            predicted,
            traces,
            top3));
  }

  private static List<SourceFile> snapshot(Path code) throws IOException {
    List<SourceFile> out = new ArrayList<>();
    if (!Files.isDirectory(code)) {
      return out;
    }
    try (Stream<Path> services = Files.list(code)) {
      for (Path service : services.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(service)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            out.add(
                new SourceFile(
                    service.getFileName().toString(),
                    service.relativize(f).toString().replace('\\', '/'),
                    Files.readString(f)));
          }
        }
      }
    }
    return out;
  }
}
