package dev.warroom.engine.director;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.engine.actors.ScanDigest;
import dev.warroom.engine.report.FindingDetailJson;
import dev.warroom.model.ComponentKind;
import dev.warroom.model.DependencyEdge;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.Host;
import dev.warroom.model.Instance;
import dev.warroom.model.ServiceNode;
import dev.warroom.model.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the fusion decides from, once the runbook has run: the alert's service, the actors'
 * findings, the topology (given or derived from spans) and the digest of the metric scan. The same
 * record feeds {@link RcaModel} at investigation time and {@link RcaModelTrainer} when it is read
 * back from a training dump ({@link #toJson}/{@link #fromJson}), so training and inference compute
 * their features with the same code. Evidence bodies are not dumped: features use the findings'
 * expert, service, class, score, onset and typed detail only (the summary is dumped for people
 * reading a dump; no feature reads it).
 *
 * @param alertService the service the alert names, or null
 * @param symptomatic whether impact analysis found a symptom beyond the baseline
 * @param missing kinds of telemetry the investigation had none of ("metrics", "logs", "traces",
 *     "events"), so the model can tell "no evidence" from "nothing looked at"
 */
record FusionInput(
    String alertService,
    boolean symptomatic,
    List<Finding> findings,
    Topology topology,
    ScanDigest scan,
    List<String> missing) {
  /** The three pillars of telemetry. */
  static final List<String> PILLARS = List.of("metrics", "logs", "traces");

  /** The telemetry kinds {@link #missing} may name: the pillars and events. */
  static final List<String> TELEMETRY = List.of("metrics", "logs", "traces", "events");

  FusionInput {
    findings = List.copyOf(findings);
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(scan, "scan");
    missing = missing.stream().filter(TELEMETRY::contains).toList();
  }

  /** An input with every kind of telemetry present. */
  FusionInput(
      String alertService,
      boolean symptomatic,
      List<Finding> findings,
      Topology topology,
      ScanDigest scan) {
    this(alertService, symptomatic, findings, topology, scan, List.of());
  }

  ObjectNode toJson(ObjectMapper m) {
    ObjectNode o = m.createObjectNode();
    o.put("alertService", alertService);
    o.put("symptomatic", symptomatic);
    ArrayNode fs = o.putArray("findings");
    for (Finding f : findings) {
      ObjectNode j = fs.addObject();
      j.put("expert", f.expert());
      j.put("service", f.service());
      j.put("component", f.component());
      j.put("faultClass", f.faultClass() == null ? null : f.faultClass().id());
      j.put("summary", f.summary());
      j.put("score", f.score());
      j.put("onset", f.onset() == null ? null : f.onset().toString());
      j.set("detail", FindingDetailJson.write(f.detail()));
    }
    ObjectNode t = o.putObject("topology");
    ArrayNode sv = t.putArray("services");
    topology.services().forEach(s -> sv.addArray().add(s.name()).add(s.kind().name()));
    ArrayNode in = t.putArray("instances");
    topology.instances().forEach(i -> in.addArray().add(i.name()).add(i.service()).add(i.host()));
    ArrayNode hs = t.putArray("hosts");
    topology.hosts().forEach(h -> hs.add(h.name()));
    ArrayNode es = t.putArray("edges");
    topology
        .edges()
        .forEach(
            e ->
                es.addArray()
                    .add(e.caller())
                    .add(e.callee())
                    .add(e.protocol())
                    .add(e.callsPerMinute()));
    ArrayNode mi = o.putArray("missing");
    missing.forEach(mi::add);
    ObjectNode sc = o.putObject("scan");
    scan.services().forEach((svc, feats) -> feats.forEach((k, v) -> sc.with(svc).put(k, v)));
    return o;
  }

  static FusionInput fromJson(JsonNode o) {
    List<Finding> fs = new ArrayList<>();
    for (JsonNode j : o.path("findings")) {
      if (!j.has("detail")) {
        // its features would silently differ from the ones the model was trained on
        throw new IllegalArgumentException(
            "fusion dump written before findings carried typed details: delete the dumps and"
                + " investigate the episodes again");
      }
      fs.add(
          new Finding(
              j.get("expert").asText(),
              text(j, "service"),
              j.get("component").asText(),
              text(j, "faultClass") == null ? null : FaultClass.parse(text(j, "faultClass")),
              j.get("summary").asText(),
              j.get("score").asDouble(),
              text(j, "onset") == null ? null : Instant.parse(text(j, "onset")),
              List.of(),
              FindingDetailJson.read(j.get("detail"))));
    }
    JsonNode t = o.path("topology");
    List<ServiceNode> services = new ArrayList<>();
    t.path("services")
        .forEach(
            s ->
                services.add(
                    new ServiceNode(
                        s.get(0).asText(), ComponentKind.valueOf(s.get(1).asText()), "")));
    List<Instance> instances = new ArrayList<>();
    t.path("instances")
        .forEach(
            i ->
                instances.add(
                    new Instance(
                        i.get(0).asText(),
                        i.get(1).asText(),
                        i.get(2).isNull() ? null : i.get(2).asText())));
    List<Host> hosts = new ArrayList<>();
    t.path("hosts").forEach(h -> hosts.add(new Host(h.asText(), Map.of())));
    List<DependencyEdge> edges = new ArrayList<>();
    t.path("edges")
        .forEach(
            e ->
                edges.add(
                    new DependencyEdge(
                        e.get(0).asText(),
                        e.get(1).asText(),
                        e.get(2).isNull() ? null : e.get(2).asText(),
                        e.get(3).asDouble())));
    Map<String, Map<String, Double>> scan = new HashMap<>();
    o.path("scan")
        .properties()
        .forEach(
            e -> {
              Map<String, Double> m = new HashMap<>();
              e.getValue().properties().forEach(p -> m.put(p.getKey(), p.getValue().asDouble()));
              scan.put(e.getKey(), m);
            });
    return new FusionInput(
        text(o, "alertService"),
        o.path("symptomatic").asBoolean(),
        fs,
        new Topology(services, instances, hosts, edges),
        new ScanDigest(scan),
        missingOf(o));
  }

  /** Dumps written before the field existed were all of full bundles: nothing missing. */
  private static List<String> missingOf(JsonNode o) {
    List<String> out = new ArrayList<>();
    o.path("missing").forEach(m -> out.add(m.asText()));
    return out;
  }

  private static String text(JsonNode j, String field) {
    JsonNode v = j.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
