package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.ComponentKind;
import dev.warroom.store.bundle.BundleReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomSystemsTest {
  @TempDir Path tmp;

  private static Map<String, Set<String>> callees(SystemSpec s) {
    Map<String, Set<String>> out = new HashMap<>();
    for (SystemSpec.Service svc : s.services()) {
      Set<String> c = out.computeIfAbsent(svc.name(), k -> new HashSet<>());
      svc.endpoints().forEach(e -> e.calls().forEach(call -> c.add(call.service())));
    }
    return out;
  }

  @Test
  void systemsAreSizedAcyclicConnectedAndNamedAfresh() {
    Set<String> builtIn = new HashSet<>();
    SystemCatalog.names()
        .forEach(n -> SystemCatalog.get(n).services().forEach(s -> builtIn.add(s.name())));
    Set<Integer> sizes = new HashSet<>();
    for (long seed = 1; seed <= 60; seed++) {
      SystemSpec s = RandomSystems.generate(seed, -1);
      int n = s.services().size();
      sizes.add(n);
      assertThat(n).isBetween(5, 60);
      assertThat(s.services()).noneMatch(svc -> builtIn.contains(svc.name()));
      Map<String, Set<String>> g = callees(s);
      // acyclic: Kahn's algorithm removes every component
      Map<String, Integer> indeg = new HashMap<>();
      g.keySet().forEach(k -> indeg.put(k, 0));
      g.values().forEach(cs -> cs.forEach(c -> indeg.merge(c, 1, Integer::sum)));
      ArrayDeque<String> q = new ArrayDeque<>();
      indeg.forEach(
          (k, d) -> {
            if (d == 0) {
              q.add(k);
            }
          });
      assertThat(q).as("entries of " + s.name()).hasSize(1);
      int removed = 0;
      Set<String> reached = new HashSet<>();
      while (!q.isEmpty()) {
        String x = q.poll();
        reached.add(x);
        removed++;
        for (String c : g.get(x)) {
          if (indeg.merge(c, -1, Integer::sum) == 0) {
            q.add(c);
          }
        }
      }
      assertThat(removed).as("acyclic " + s.name()).isEqualTo(n);
      // connected: everything is reached from the single entry
      assertThat(reached).hasSize(n);
      assertThat(s.services()).anyMatch(svc -> svc.entryRps() > 0);
      assertThat(s.services().stream().map(SystemSpec.Service::kind))
          .contains(ComponentKind.SERVICE, ComponentKind.DATABASE);
    }
    assertThat(sizes.size()).isGreaterThan(20);
    assertThat(RandomSystems.generate(9, 40).services()).hasSize(40);
    assertThat(RandomSystems.generate(9, 5).services()).hasSize(5);
    assertThat(RandomSystems.generate(9, 60).services()).hasSize(60);
    assertThat(RandomSystems.generate(4, -1)).isEqualTo(RandomSystems.generate(4, -1));
    assertThat(RandomSystems.generate(4, -1)).isNotEqualTo(RandomSystems.generate(5, -1));
  }

  @Test
  void randomSystemsAreNamedLikeBuiltInOnes() {
    assertThat(SystemFile.resolve("random:12:30")).isEqualTo(RandomSystems.generate(12, 30));
    assertThatThrownBy(() -> SystemFile.resolve("random:x")).hasMessageContaining("random:SEED");
    assertThatThrownBy(() -> SystemFile.resolve("random:1:61")).hasMessageContaining("5 to 60");
  }

  @Test
  void builtInSystemsAreTopologyFilesReadByTheUserFileReader() throws Exception {
    for (String n : SystemCatalog.names()) {
      Path f = tmp.resolve(n + ".json");
      java.nio.file.Files.writeString(f, SystemFile.toJson(SystemCatalog.get(n)));
      assertThat(SystemFile.read(f)).isEqualTo(SystemCatalog.get(n));
      assertThat(SystemCatalog.class.getResource("systems/" + n + ".json")).isNotNull();
    }
  }

  @Test
  void episodesOfRandomSystemsAreValidBundles() {
    for (FaultType f :
        List.of(FaultType.MEMORY_LEAK, FaultType.UNINDEXED_QUERY, FaultType.CPU_HOG)) {
      SystemSpec sys = RandomSystems.generate(3, 14);
      if (!Targets.applicable(f, sys)) {
        continue;
      }
      Episode ep = new Gym().reset(5, Episodes.small(Scenario.of(sys, f)));
      Path dir = tmp.resolve(f.id());
      ep.write(dir);
      assertThat(BundleReader.validate(dir)).isEmpty();
      assertThat(ep.truth().rootCauseService())
          .isIn(sys.services().stream().map(SystemSpec.Service::name).toList());
    }
  }
}
