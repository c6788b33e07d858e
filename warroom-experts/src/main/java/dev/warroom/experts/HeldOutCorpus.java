package dev.warroom.experts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Labelled router inputs from sources the router is never trained on ({@link RouterCorpus} uses
 * only its own generators, Loghub, NAB and PetShop):
 *
 * <ul>
 *   <li>incident bundles written by the Otrashi gym ({@code warroom gym run}): chunks of its JSON-
 *       lines logs, Zipkin spans and wide metric CSVs, its Kubernetes event lists, the source files
 *       of its services and the stack traces inside its log messages (labelled by the language of
 *       the service's source folder, not by their text);
 *   <li>a warroom source checkout: the hand-written public-format fixtures other modules test with
 *       (store importer bundles, the code expert's real-world stack traces, the DB expert's MySQL
 *       plan, the server's SQL migration) and every tenth Java file of {@code src/main/java}.
 * </ul>
 *
 * Labels come from where a text sits (file name, folder, the service's language), never from the
 * router's features, so the measure is independent of the model.
 */
public final class HeldOutCorpus {
  private static final int LINES_PER_CHUNK = 30;
  private static final int LOG_CHUNKS = 30;
  private static final int TRACE_CHUNKS = 20;
  private static final int METRIC_CHUNKS = 5;
  private static final int STACK_TRACES = 20;

  /** Fixtures of a warroom checkout, relative to its root, and their kinds. */
  private static final Map<String, InputKind> FIXTURES =
      Map.ofEntries(
          Map.entry(
              "warroom-experts-code/src/test/resources/traces/aspnet-inner.txt",
              InputKind.STACK_TRACE_DOTNET),
          Map.entry(
              "warroom-experts-code/src/test/resources/traces/django-chained.txt",
              InputKind.STACK_TRACE_PYTHON),
          Map.entry(
              "warroom-experts-code/src/test/resources/traces/go-http-panic.txt",
              InputKind.STACK_TRACE_GO),
          Map.entry(
              "warroom-experts-code/src/test/resources/traces/node-express.txt",
              InputKind.STACK_TRACE_NODE),
          Map.entry(
              "warroom-experts-code/src/test/resources/traces/spring-caused-by.txt",
              InputKind.STACK_TRACE_JAVA),
          Map.entry("warroom-experts-db/src/test/resources/db/mysql-plan.json", InputKind.SQL_PLAN),
          Map.entry(
              "warroom-server/src/main/resources/dev/warroom/server/db/V1__incidents.sql",
              InputKind.SQL_STATEMENT),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/logs/app.jsonl",
              InputKind.LOG_JSON_LINES),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/metrics/app.om",
              InputKind.METRICS_PROMETHEUS),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/metrics/node.prom",
              InputKind.METRICS_PROMETHEUS),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/metrics/long.csv",
              InputKind.METRICS_CSV_LONG),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/metrics/wide.csv",
              InputKind.METRICS_CSV_WIDE),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/metrics/otlp.json",
              InputKind.METRICS_OTLP_JSON),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/traces/otlp.json",
              InputKind.TRACE_OTLP_JSON),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/traces/zipkin.json",
              InputKind.TRACE_ZIPKIN_JSON),
          Map.entry(
              "warroom-store/src/test/resources/bundles/handwritten/events/k8s.json",
              InputKind.K8S_EVENTS),
          Map.entry(
              "warroom-cli/src/test/resources/bundles/shop/logs/app.jsonl",
              InputKind.LOG_JSON_LINES),
          Map.entry(
              "warroom-cli/src/test/resources/bundles/shop/metrics/app.prom",
              InputKind.METRICS_PROMETHEUS),
          Map.entry(
              "warroom-cli/src/test/resources/bundles/shop/traces/zipkin.json",
              InputKind.TRACE_ZIPKIN_JSON),
          Map.entry(
              "warroom-cli/src/test/resources/bundles/shop/events/k8s.json", InputKind.K8S_EVENTS));

  private HeldOutCorpus() {}

  /**
   * Examples from each folder: a bundle (it has {@code logs/}, {@code traces/} or {@code metrics/})
   * or a warroom checkout (it has {@code pom.xml} and {@code warroom-model/}).
   *
   * @throws IllegalArgumentException when a folder is neither
   */
  public static List<LabelledInput> from(List<Path> folders) {
    List<LabelledInput> out = new ArrayList<>();
    for (Path dir : folders) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("warroom-model"))) {
        out.addAll(fromCheckout(dir));
      } else if (Stream.of("logs", "traces", "metrics")
          .anyMatch(d -> Files.isDirectory(dir.resolve(d)))) {
        out.addAll(fromBundle(dir));
      } else {
        throw new IllegalArgumentException(
            "held-out folder is neither a bundle (logs/, traces/, metrics/) nor a warroom checkout: "
                + dir);
      }
    }
    return out;
  }

  /** The fixtures and every tenth main Java file of a warroom checkout. */
  public static List<LabelledInput> fromCheckout(Path root) {
    List<LabelledInput> out = new ArrayList<>();
    FIXTURES.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(e -> Files.isRegularFile(root.resolve(e.getKey())))
        .forEach(
            e ->
                out.add(
                    new LabelledInput(
                        read(root.resolve(e.getKey())), e.getValue(), "heldout/repo-fixtures")));
    List<Path> java;
    try (Stream<Path> files = Files.walk(root, 12)) {
      java =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .filter(p -> !p.toString().contains("/target/"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < java.size(); i += 10) {
      out.add(new LabelledInput(read(java.get(i)), InputKind.SOURCE_JAVA, "heldout/repo-java"));
    }
    return out;
  }

  /** Chunks of a gym bundle's logs, traces, metrics, events, code and stack traces. */
  public static List<LabelledInput> fromBundle(Path bundle) {
    List<LabelledInput> out = new ArrayList<>();
    for (Path f : files(bundle.resolve("logs"), ".jsonl")) {
      chunks(lines(f), LOG_CHUNKS, false)
          .forEach(
              c -> out.add(new LabelledInput(c, InputKind.LOG_JSON_LINES, "heldout/gym-logs")));
    }
    for (Path f : files(bundle.resolve("traces"), ".json")) {
      InputKind kind =
          f.getFileName().toString().contains("otlp")
              ? InputKind.TRACE_OTLP_JSON
              : InputKind.TRACE_ZIPKIN_JSON;
      chunks(lines(f), TRACE_CHUNKS, false)
          .forEach(c -> out.add(new LabelledInput(c, kind, "heldout/gym-traces")));
    }
    for (Path f : files(bundle.resolve("metrics"), ".csv")) {
      chunks(lines(f), METRIC_CHUNKS, true)
          .forEach(
              c ->
                  out.add(new LabelledInput(c, InputKind.METRICS_CSV_WIDE, "heldout/gym-metrics")));
    }
    for (Path f : files(bundle.resolve("events"), ".json")) {
      out.add(new LabelledInput(read(f), InputKind.K8S_EVENTS, "heldout/gym-events"));
    }
    Map<String, InputKind> traceKindByService = new java.util.HashMap<>();
    for (Path f : files(bundle.resolve("code"), "")) {
      InputKind kind = sourceKind(f);
      if (kind != null) {
        out.add(new LabelledInput(read(f), kind, "heldout/gym-code"));
        String service = bundle.resolve("code").relativize(f).getName(0).toString();
        traceKindByService.put(service, stackTraceKind(kind));
      }
    }
    out.addAll(stackTraces(bundle, traceKindByService));
    return out;
  }

  private static List<LabelledInput> stackTraces(
      Path bundle, Map<String, InputKind> kindByService) {
    ObjectMapper json = new ObjectMapper();
    Set<String> seen = new LinkedHashSet<>();
    List<LabelledInput> out = new ArrayList<>();
    for (Path f : files(bundle.resolve("logs"), ".jsonl")) {
      for (String line : lines(f)) {
        if (out.size() >= STACK_TRACES) {
          return out;
        }
        if (!line.contains("\\n")) {
          continue;
        }
        try {
          JsonNode n = json.readTree(line);
          String message = n.path("message").asText("");
          InputKind kind = kindByService.get(n.path("service").asText(""));
          // a trace has a header and at least two frame lines; the first of each shape is enough
          String shape = message.replaceAll("[0-9]+", "0");
          if (kind != null && message.lines().count() >= 3 && seen.add(kind + shape)) {
            out.add(new LabelledInput(message, kind, "heldout/gym-stacktraces"));
          }
        } catch (IOException e) {
          throw new IllegalArgumentException(f + ": not a JSON line: " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  private static InputKind sourceKind(Path f) {
    String name = f.getFileName().toString();
    if (name.endsWith(".java")) {
      return InputKind.SOURCE_JAVA;
    } else if (name.endsWith(".py")) {
      return InputKind.SOURCE_PYTHON;
    } else if (name.endsWith(".go")) {
      return InputKind.SOURCE_GO;
    } else if (name.endsWith(".js") || name.endsWith(".ts")) {
      return InputKind.SOURCE_JAVASCRIPT;
    }
    return null;
  }

  private static InputKind stackTraceKind(InputKind source) {
    return switch (source) {
      case SOURCE_JAVA -> InputKind.STACK_TRACE_JAVA;
      case SOURCE_PYTHON -> InputKind.STACK_TRACE_PYTHON;
      case SOURCE_GO -> InputKind.STACK_TRACE_GO;
      case SOURCE_JAVASCRIPT -> InputKind.STACK_TRACE_NODE;
      default -> throw new IllegalArgumentException("not a source kind: " + source);
    };
  }

  /**
   * Up to {@code n} chunks of {@link #LINES_PER_CHUNK} lines evenly spread over the file; with
   * {@code keepHeader} each chunk starts with the file's first line (a CSV header).
   */
  static List<String> chunks(List<String> lines, int n, boolean keepHeader) {
    int first = keepHeader ? 1 : 0;
    int body = lines.size() - first;
    int size = LINES_PER_CHUNK - first;
    List<String> out = new ArrayList<>();
    if (body <= 0) {
      return out;
    }
    int count = Math.max(1, Math.min(n, body / size));
    for (int c = 0; c < count; c++) {
      int from = first + (int) ((long) c * Math.max(0, body - size) / Math.max(1, count - 1));
      if (count == 1) {
        from = first;
      }
      List<String> chunk = new ArrayList<>();
      if (keepHeader) {
        chunk.add(lines.get(0));
      }
      chunk.addAll(lines.subList(from, Math.min(lines.size(), from + size)));
      out.add(String.join("\n", chunk));
    }
    return out;
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path f) {
    try {
      return Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
