package dev.warroom.gym;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark: generates and writes episodes and prints the time each took and the median. Usage:
 * {@code GymBench [topology] [fault] [runs] [windowMinutes] [baselineDays] [outDir]}, defaults
 * {@code market cpu_hog 3 60 4 <tmp>}. Run via {@code warroom gym bench} or {@code java -cp …}.
 */
public final class GymBench {
  private GymBench() {}

  public static void main(String[] args) throws IOException {
    String topo = args.length > 0 ? args[0] : "market";
    String fault = args.length > 1 ? args[1] : "cpu_hog";
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int window = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    int days = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    Path out = args.length > 5 ? Path.of(args[5]) : Files.createTempDirectory("gym-bench");
    System.out.println(run(topo, fault, runs, window, days, out));
  }

  /** Runs the benchmark and returns a report, one line per run plus the median. */
  public static String run(String topo, String fault, int runs, int window, int days, Path out) {
    StringBuilder sb = new StringBuilder();
    List<Long> gen = new ArrayList<>();
    List<Long> total = new ArrayList<>();
    List<Long> cpu = new ArrayList<>();
    Gym gym = new Gym();
    for (int i = 0; i < runs; i++) {
      Scenario sc =
          fault.equals("control")
              ? Scenario.control(SystemCatalog.get(topo))
              : Scenario.of(SystemCatalog.get(topo), FaultType.parse(fault));
      sc = sc.withWindow(Duration.ofMinutes(window), Duration.ofDays(days));
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      Episode ep = gym.reset(1000 + i, sc);
      long t1 = System.nanoTime();
      long c1 = cpuNanos();
      Path dir = out.resolve(ep.id());
      ep.write(dir);
      long t2 = System.nanoTime();
      long c2 = cpuNanos();
      cpu.add((c2 - c0) / 1_000_000);
      gen.add((t1 - t0) / 1_000_000);
      total.add((t2 - t0) / 1_000_000);
      long points = ep.bundle().metrics().stream().mapToLong(m -> m.size()).sum();
      sb.append(
          String.format(
              "run %d %s: generate %d ms (cpu %d ms), write %d ms (cpu %d ms), total %d ms; %d series, %d points, %d logs, %d spans, %d events, %.1f MB%n",
              i,
              ep.id(),
              (t1 - t0) / 1_000_000,
              (c1 - c0) / 1_000_000,
              (t2 - t1) / 1_000_000,
              (c2 - c1) / 1_000_000,
              (t2 - t0) / 1_000_000,
              ep.bundle().metrics().size(),
              points,
              ep.bundle().logs().size(),
              ep.bundle().spans().size(),
              ep.bundle().events().size(),
              size(dir) / 1e6));
    }
    sb.append("median generate ")
        .append(median(gen))
        .append(" ms, median generate+write ")
        .append(median(total))
        .append(" ms wall, median process CPU ")
        .append(median(cpu))
        .append(" ms; ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" processors, load average ")
        .append(
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    return sb.toString();
  }

  /** CPU time of the whole process (all threads, GC included), in nanoseconds. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    s.sort(Comparator.naturalOrder());
    return s.get(s.size() / 2);
  }

  static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
