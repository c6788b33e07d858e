package dev.warroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warroom.gym.FaultType;
import dev.warroom.gym.References;
import dev.warroom.gym.SystemCatalog;
import dev.warroom.gym.SystemSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warroom gym list}: built-in topologies, the fault catalogue and the reference scenarios.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists the built-in topologies, every fault (id, fault class, level, description) and the reference scenarios.",
    footer = {"", "Example:", "  warroom gym list --json | jq '.faults[].id'"})
final class GymListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = m.createObjectNode();
      ArrayNode topologies = root.putArray("topologies");
      for (String n : SystemCatalog.names()) {
        SystemSpec s = SystemCatalog.get(n);
        topologies
            .addObject()
            .put("name", n)
            .put("description", s.description())
            .put("services", s.services().size())
            .put("nodes", s.nodes().size());
      }
      ArrayNode faults = root.putArray("faults");
      for (FaultType f : FaultType.values()) {
        faults
            .addObject()
            .put("id", f.id())
            .put("fault_class", f.faultClass().id())
            .put("level", f.level().name().toLowerCase())
            .put("target", f.target().name().toLowerCase())
            .put("description", f.description())
            .put("symptoms", f.symptoms());
      }
      ArrayNode refs = root.putArray("scenarios");
      References.names().forEach(refs::add);
      out.println(m.writeValueAsString(root));
      return 0;
    }
    out.println("Topologies:");
    for (String n : SystemCatalog.names()) {
      SystemSpec s = SystemCatalog.get(n);
      out.printf(
          "  %-8s %2d components, %d nodes  %s%n",
          n, s.services().size(), s.nodes().size(), s.description());
    }
    out.println(
        "  random:SEED[:N]  a system drawn from SEED: 5-60 components (N), random names and an"
            + " acyclic call graph");
    out.println();
    out.println("Faults:");
    for (FaultType f : FaultType.values()) {
      out.printf(
          "  %-27s %-15s %-27s %s%n",
          f.id(), f.level().name().toLowerCase(), f.faultClass().id(), f.description());
    }
    out.println();
    out.println("Reference scenarios (warroom gym run --scenario NAME):");
    References.names().forEach(n -> out.println("  " + n));
    return 0;
  }
}
