package dev.warroom.gym;

import dev.warroom.gym.SystemSpec.Call;
import dev.warroom.gym.SystemSpec.Endpoint;
import dev.warroom.gym.SystemSpec.Node;
import dev.warroom.gym.SystemSpec.Service;
import dev.warroom.model.ComponentKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Systems drawn from a seed: 5 to 60 components with made-up names, an entry (a load balancer in
 * front of a service, or a service taking traffic itself), application services in Java, Python, Go
 * and Node, and databases, caches and queues sprinkled among them. Calls follow a random order of
 * the components, so the call graph is acyclic; every component has a caller, so it is connected to
 * the entry. Named {@code random:SEED} or {@code random:SEED:N} (N components) wherever a built-in
 * system's name is accepted.
 */
public final class RandomSystems {
  private static final String[] ONSETS = {
    "b", "br", "d", "dr", "f", "g", "gl", "h", "k", "kr", "l", "m", "n", "p", "pl", "qu", "r", "s",
    "st", "t", "tr", "v", "w", "z", "zh"
  };
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ei", "ou", "y"};
  private static final String[] CODAS = {"", "", "n", "r", "l", "x", "k", "m", "s", "th", "nd"};
  private static final String[] OPS = {"/get", "/list", "/update"};
  private static final String[] LANGUAGES = {"java", "python", "go", "node"};

  private RandomSystems() {}

  /** Whether {@code name} names a random system ({@code random:SEED[:N]}). */
  public static boolean isRandom(String name) {
    return name.startsWith("random:");
  }

  /** The system named {@code random:SEED} or {@code random:SEED:N}. */
  public static SystemSpec parse(String name) {
    String[] p = name.split(":");
    try {
      if (p.length == 2) {
        return generate(Long.parseLong(p[1]), -1);
      }
      if (p.length == 3) {
        return generate(Long.parseLong(p[1]), Integer.parseInt(p[2]));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "random system: expected random:SEED or random:SEED:N (5 <= N <= 60), got '" + name + "'");
  }

  /**
   * A system drawn from {@code seed} with {@code size} components (5..60), or a size drawn from the
   * seed when {@code size} is negative.
   */
  public static SystemSpec generate(long seed, int size) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5157E3L);
    int n = size < 0 ? 5 + r.nextInt(56) : size;
    if (n < 5 || n > 60) {
      throw new IllegalArgumentException("a random system has 5 to 60 components: " + n);
    }
    Set<String> taken = new HashSet<>();
    for (String b : SystemCatalog.names()) {
      SystemCatalog.get(b).services().forEach(s -> taken.add(s.name()));
    }
    // kinds in call order: [lb], entry service, then a mix; stores mostly late in the order
    boolean lb = r.nextBoolean();
    int stores = Math.max(1, (int) Math.round(n * (0.15 + 0.15 * r.nextDouble())));
    int apps = n - stores - (lb ? 1 : 0);
    if (apps < 2) {
      apps = 2;
      stores = n - apps - (lb ? 1 : 0);
    }
    List<ComponentKind> kinds = new ArrayList<>();
    if (lb) {
      kinds.add(ComponentKind.LOAD_BALANCER);
    }
    for (int i = 0; i < apps; i++) {
      kinds.add(ComponentKind.SERVICE);
    }
    int queues = stores >= 3 && r.nextDouble() < 0.6 ? 1 + r.nextInt(Math.max(1, stores / 4)) : 0;
    int caches = stores - queues >= 2 ? 1 + r.nextInt(Math.max(1, (stores - queues) / 2)) : 0;
    int dbs = stores - queues - caches;
    List<ComponentKind> storeKinds = new ArrayList<>();
    for (int i = 0; i < dbs; i++) {
      storeKinds.add(ComponentKind.DATABASE);
    }
    for (int i = 0; i < caches; i++) {
      storeKinds.add(ComponentKind.CACHE);
    }
    // queues sit among the services: consumers come after them
    int firstApp = lb ? 1 : 0;
    for (int q = 0; q < queues; q++) {
      int at = firstApp + 1 + r.nextInt(Math.max(1, apps - 1));
      kinds.add(Math.min(at, kinds.size()), ComponentKind.QUEUE);
    }
    kinds.addAll(storeKinds);
    List<String> names = new ArrayList<>();
    for (ComponentKind k : kinds) {
      names.add(name(r, k, taken));
    }
    int total = kinds.size();
    // edges: each component after the entry gets one caller among the earlier callers-capable ones
    List<Set<Integer>> callees = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      callees.add(new LinkedHashSet<>());
    }
    int entry = firstApp;
    if (lb) {
      callees.get(0).add(entry);
    }
    for (int j = entry + 1; j < total; j++) {
      List<Integer> callers = new ArrayList<>();
      for (int i = entry; i < j; i++) {
        boolean canCall =
            kinds.get(i) == ComponentKind.SERVICE
                || (kinds.get(i) == ComponentKind.QUEUE && kinds.get(j) == ComponentKind.SERVICE);
        if (canCall) {
          callers.add(i);
        }
      }
      callees.get(callers.get(r.nextInt(callers.size()))).add(j);
      // a few more callers: services share stores and downstream services
      for (int c : callers) {
        if (kinds.get(c) == ComponentKind.SERVICE && r.nextDouble() < 1.2 / callers.size()) {
          callees.get(c).add(j);
        }
      }
    }
    // a queue needs a producer before it and a consumer after it
    for (int q = 0; q < total; q++) {
      if (kinds.get(q) == ComponentKind.QUEUE && callees.get(q).isEmpty()) {
        for (int j = q + 1; j < total; j++) {
          if (kinds.get(j) == ComponentKind.SERVICE) {
            callees.get(q).add(j);
            break;
          }
        }
      }
    }
    List<Service> services = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      services.add(service(r, i, kinds, names, callees, i == entry && !lb, lb && i == 0));
    }
    int replicas = services.stream().mapToInt(Service::replicas).sum();
    int nodeCount = Math.max(2, Math.min(14, (replicas + 5) / 6));
    List<Node> nodes = new ArrayList<>();
    boolean mixedArch = r.nextDouble() < 0.3;
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(
          new Node(
              "node-" + Integer.toHexString(0x1000 + r.nextInt(0xF000)) + "-" + i,
              mixedArch && i % 3 == 2 ? "arm64" : "amd64",
              r.nextDouble() < 0.5 ? 4 : 8,
              r.nextDouble() < 0.5 ? 16 : 32,
              "zone-" + (char) ('a' + i % 3)));
    }
    return new SystemSpec(
        "random-" + seed + (size < 0 ? "" : "-" + size),
        "random system (seed " + seed + ", " + total + " components)",
        nodes,
        services);
  }

  private static Service service(
      SplittableRandom r,
      int i,
      List<ComponentKind> kinds,
      List<String> names,
      List<Set<Integer>> callees,
      boolean entryService,
      boolean loadBalancer) {
    ComponentKind kind = kinds.get(i);
    String name = names.get(i);
    List<Endpoint> eps = new ArrayList<>();
    String language;
    double latency;
    switch (kind) {
      case DATABASE -> {
        language = r.nextBoolean() ? "postgres" : "mysql";
        latency = 1.5 + 2 * r.nextDouble();
        String table = name.replace("-db", "").replace('-', '_');
        eps.add(sql("select_" + table, "SELECT * FROM " + table + " WHERE id = $1"));
        eps.add(
            sql(
                "select_" + table + "_recent",
                "SELECT * FROM "
                    + table
                    + " WHERE owner_id = $1 ORDER BY created_at DESC LIMIT 50"));
        eps.add(
            sql(
                "insert_" + table,
                "INSERT INTO " + table + " (id, owner_id, body) VALUES ($1, $2, $3)"));
      }
      case CACHE -> {
        language = "redis";
        latency = 0.3 + 0.3 * r.nextDouble();
        eps.add(new Endpoint("GET", 0, "", List.of()));
        eps.add(new Endpoint("SET", 0, "", List.of()));
      }
      case QUEUE -> {
        language = "kafka";
        latency = 1 + r.nextDouble();
        List<Call> consumers = new ArrayList<>();
        for (int c : callees.get(i)) {
          consumers.add(new Call(names.get(c), "consume", 1, true));
        }
        eps.add(new Endpoint(name.replace("-queue", "") + ".events", 0, "", consumers));
      }
      case LOAD_BALANCER -> {
        language = "envoy";
        latency = 1 + r.nextDouble();
      }
      default -> {
        language = LANGUAGES[r.nextInt(LANGUAGES.length)];
        latency = 4 + 30 * r.nextDouble();
      }
    }
    if (kind == ComponentKind.SERVICE || kind == ComponentKind.LOAD_BALANCER) {
      boolean consumer = false;
      for (int p = 0; p < i; p++) {
        if (kinds.get(p) == ComponentKind.QUEUE && callees.get(p).contains(i)) {
          consumer = true;
        }
      }
      List<Integer> out = new ArrayList<>(callees.get(i));
      int endpoints = kind == ComponentKind.LOAD_BALANCER ? 1 : endpointCount(names.get(i));
      // endpoint 0 calls every callee (callers reach a service through it); the others a subset
      double top = entryService || loadBalancer ? 1.0 / endpoints : 0;
      for (int e = 0; e < endpoints; e++) {
        List<Call> calls = new ArrayList<>();
        for (int c : out) {
          if (e == 0 || r.nextDouble() < 0.5) {
            calls.add(callTo(r, c, kinds, names, e == 0));
          }
        }
        String epName = kind == ComponentKind.LOAD_BALANCER ? "/" : OPS[e];
        eps.add(new Endpoint(epName, top, "", calls));
      }
      if (consumer) {
        eps.add(new Endpoint("consume", 0, "", List.of()));
      }
    }
    int replicas =
        switch (kind) {
          case DATABASE, QUEUE -> 1;
          case CACHE -> 1 + r.nextInt(2);
          default -> 1 + r.nextInt(3);
        };
    return new Service(
        name,
        kind,
        language,
        replicas,
        kind == ComponentKind.DATABASE ? 2 : r.nextDouble() < 0.5 ? 0.5 : 1,
        kind == ComponentKind.DATABASE ? 4096 : r.nextDouble() < 0.5 ? 512 : 1024,
        latency,
        entryService || loadBalancer ? 20 + 60 * r.nextDouble() : 0,
        List.of(),
        eps);
  }

  /** A call to one of the callee's endpoints (for a service, one that is not its consumer hook). */
  private static Call callTo(
      SplittableRandom r, int c, List<ComponentKind> kinds, List<String> names, boolean main) {
    String table = names.get(c).replace("-db", "").replace('-', '_');
    String ep =
        switch (kinds.get(c)) {
          case DATABASE ->
              switch (r.nextInt(3)) {
                case 0 -> "select_" + table;
                case 1 -> "select_" + table + "_recent";
                default -> "insert_" + table;
              };
          case CACHE -> r.nextBoolean() ? "GET" : "SET";
          case QUEUE -> names.get(c).replace("-queue", "") + ".events";
          default -> OPS[main ? 0 : r.nextInt(endpointCount(names.get(c)))];
        };
    return new Call(
        names.get(c), ep, kinds.get(c) == ComponentKind.DATABASE ? 1 + r.nextInt(2) : 1, false);
  }

  /** 1 to 3 endpoints, fixed by the name so that callers know them before the callee is built. */
  private static int endpointCount(String name) {
    return 1 + Math.floorMod(name.hashCode(), 3);
  }

  private static Endpoint sql(String name, String statement) {
    return new Endpoint(name, 0, statement, List.of());
  }

  private static String name(SplittableRandom r, ComponentKind k, Set<String> taken) {
    for (int attempt = 0; ; attempt++) {
      String base = syllable(r) + (r.nextDouble() < 0.6 ? syllable(r) : "");
      String n =
          switch (k) {
            case DATABASE -> base + "-db";
            case CACHE -> base + "-cache";
            case QUEUE -> base + "-queue";
            case LOAD_BALANCER -> base + "-gateway";
            default -> base;
          };
      if (attempt > 20) {
        n = n + "-" + attempt;
      }
      if (taken.add(n)) {
        return n;
      }
    }
  }

  private static String syllable(SplittableRandom r) {
    return ONSETS[r.nextInt(ONSETS.length)]
        + VOWELS[r.nextInt(VOWELS.length)]
        + CODAS[r.nextInt(CODAS.length)];
  }
}
