package dev.warroom.gym;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.FaultLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ground truth of a gym episode, stored as {@code truth.json} next to the bundle. For a control
 * episode {@code control} is true, the fault class is {@link FaultClass#NONE} and the root-cause
 * fields are null. {@code culprits} lists every name that counts as naming the root cause (the
 * service, its pod or node, the database a query runs on…); {@code causalChain} runs from the cause
 * to the alerting service, each element prefixed with its kind ({@code service:cart}, {@code
 * pod:…}, {@code node:…}, {@code query:…}).
 */
public record GroundTruth(
    String episodeId,
    long seed,
    String topology,
    String scenario,
    String difficulty,
    boolean control,
    String fault,
    FaultClass faultClass,
    FaultLevel level,
    String rootCauseService,
    String component,
    String componentKind,
    String codeRef,
    Instant onset,
    String alertService,
    String alertName,
    Instant alertAt,
    List<String> causalChain,
    List<String> culprits,
    List<ExpectedEvidence> evidence,
    List<RedHerringTruth> redHerrings,
    Map<String, String> parameters) {

  /** Evidence a good investigation should find: its kind and the terms it must mention. */
  public record ExpectedEvidence(EvidenceKind kind, String description, List<String> mentions) {
    public ExpectedEvidence {
      Objects.requireNonNull(kind, "kind");
      description = description == null ? "" : description;
      mentions = List.copyOf(mentions);
    }
  }

  /** This truth with {@code extra} added to its parameters (an existing key keeps its value). */
  public GroundTruth withParameters(Map<String, String> extra) {
    if (extra.isEmpty()) {
      return this;
    }
    Map<String, String> all = new TreeMap<>(extra);
    all.putAll(parameters);
    return new GroundTruth(
        episodeId,
        seed,
        topology,
        scenario,
        difficulty,
        control,
        fault,
        faultClass,
        level,
        rootCauseService,
        component,
        componentKind,
        codeRef,
        onset,
        alertService,
        alertName,
        alertAt,
        causalChain,
        culprits,
        evidence,
        redHerrings,
        all);
  }

  /**
   * This truth with the alert moved (a view's alert: another service or start); the incident itself
   * is unchanged.
   */
  public GroundTruth withAlert(String service, Instant at) {
    return new GroundTruth(
        episodeId,
        seed,
        topology,
        scenario,
        difficulty,
        control,
        fault,
        faultClass,
        level,
        rootCauseService,
        component,
        componentKind,
        codeRef,
        onset,
        service,
        alertName,
        at,
        causalChain,
        culprits,
        evidence,
        redHerrings,
        parameters);
  }

  /** A planted red herring: kind, service, time and what it looks like. */
  public record RedHerringTruth(String kind, String service, Instant time, String detail) {}

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public GroundTruth {
    Objects.requireNonNull(episodeId, "episodeId");
    Objects.requireNonNull(faultClass, "faultClass");
    level = level == null ? faultClass.level() : level;
    causalChain = List.copyOf(causalChain);
    culprits = List.copyOf(culprits);
    evidence = List.copyOf(evidence);
    redHerrings = List.copyOf(redHerrings);
    parameters = parameters == null ? Map.of() : Map.copyOf(new TreeMap<>(parameters));
    if (control != (faultClass == FaultClass.NONE)) {
      throw new IllegalArgumentException(
          "control episode must have fault class none and only then: " + faultClass);
    }
    if (!control && (rootCauseService == null || onset == null)) {
      throw new IllegalArgumentException("a fault episode needs rootCauseService and onset");
    }
  }

  /** Reads {@code truth.json} from a bundle folder. */
  public static GroundTruth read(Path bundleDir) {
    Path file = bundleDir.resolve("truth.json");
    try {
      return fromJson(
          MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no truth.json (not a gym bundle?)", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code truth.json} into a bundle folder. */
  public void write(Path bundleDir) {
    try {
      Files.createDirectories(bundleDir);
      Files.writeString(bundleDir.resolve("truth.json"), toJson() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String toJson() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("episode_id", episodeId)
        .put("seed", seed)
        .put("topology", topology)
        .put("scenario", scenario)
        .put("difficulty", difficulty)
        .put("control", control)
        .put("fault", fault)
        .put("fault_class", faultClass.id())
        .put("level", level.name().toLowerCase())
        .put("root_cause_service", rootCauseService)
        .put("component", component)
        .put("component_kind", componentKind)
        .put("code_ref", codeRef)
        .put("onset", onset == null ? null : onset.toString())
        .put("alert_service", alertService)
        .put("alert_name", alertName)
        .put("alert_at", alertAt == null ? null : alertAt.toString());
    strings(o.putArray("causal_chain"), causalChain);
    strings(o.putArray("culprits"), culprits);
    ArrayNode ev = o.putArray("evidence");
    for (ExpectedEvidence e : evidence) {
      ObjectNode n =
          ev.addObject()
              .put("kind", e.kind().name().toLowerCase())
              .put("description", e.description());
      strings(n.putArray("mentions"), e.mentions());
    }
    ArrayNode rh = o.putArray("red_herrings");
    for (RedHerringTruth r : redHerrings) {
      rh.addObject()
          .put("kind", r.kind())
          .put("service", r.service())
          .put("time", r.time() == null ? null : r.time().toString())
          .put("detail", r.detail());
    }
    ObjectNode params = o.putObject("parameters");
    new TreeMap<>(parameters).forEach(params::put);
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  static GroundTruth fromJson(JsonNode o, String src) {
    try {
      List<ExpectedEvidence> ev = new ArrayList<>();
      for (JsonNode n : o.path("evidence")) {
        ev.add(
            new ExpectedEvidence(
                EvidenceKind.valueOf(n.path("kind").asText().toUpperCase()),
                n.path("description").asText(),
                list(n.path("mentions"))));
      }
      List<RedHerringTruth> rh = new ArrayList<>();
      for (JsonNode n : o.path("red_herrings")) {
        rh.add(
            new RedHerringTruth(
                n.path("kind").asText(),
                text(n, "service"),
                instant(n, "time"),
                n.path("detail").asText()));
      }
      Map<String, String> params = new TreeMap<>();
      o.path("parameters").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      return new GroundTruth(
          required(o, "episode_id"),
          o.path("seed").asLong(),
          text(o, "topology"),
          text(o, "scenario"),
          text(o, "difficulty"),
          o.path("control").asBoolean(),
          text(o, "fault"),
          FaultClass.parse(required(o, "fault_class")),
          FaultLevel.valueOf(o.path("level").asText("none").toUpperCase()),
          text(o, "root_cause_service"),
          text(o, "component"),
          text(o, "component_kind"),
          text(o, "code_ref"),
          instant(o, "onset"),
          text(o, "alert_service"),
          text(o, "alert_name"),
          instant(o, "alert_at"),
          list(o.path("causal_chain")),
          list(o.path("culprits")),
          ev,
          rh,
          params);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(src + ": " + e.getMessage(), e);
    }
  }

  private static String required(JsonNode o, String field) {
    String v = text(o, field);
    if (v == null) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static Instant instant(JsonNode o, String field) {
    String t = text(o, field);
    return t == null ? null : Instant.parse(t);
  }

  private static List<String> list(JsonNode a) {
    List<String> out = new ArrayList<>();
    a.forEach(n -> out.add(n.asText()));
    return out;
  }
}
