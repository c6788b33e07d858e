package dev.warroom.connectors.zipkin;

import dev.warroom.model.Span;
import dev.warroom.store.SpanAggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request statistics per service, operation and (optionally) time bucket over spans already
 * fetched: count, errors and discrete duration percentiles (the value at rank {@code floor(q * (n -
 * 1))} of the sorted durations, no interpolation).
 */
final class SpanStats {
  private SpanStats() {}

  record Key(Instant bucket, String service, String operation) {}

  static List<SpanAggregate> of(List<Span> spans, Duration bucket) {
    Map<Key, List<Span>> groups =
        new TreeMap<>(
            Comparator.comparing(Key::bucket, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Key::service)
                .thenComparing(Key::operation));
    for (Span s : spans) {
      Instant b = null;
      if (bucket != null) {
        long ms = s.start().toEpochMilli();
        b = Instant.ofEpochMilli(Math.floorDiv(ms, bucket.toMillis()) * bucket.toMillis());
      }
      groups.computeIfAbsent(new Key(b, s.service(), s.operation()), k -> new ArrayList<>()).add(s);
    }
    List<SpanAggregate> out = new ArrayList<>(groups.size());
    groups.forEach(
        (k, list) -> {
          long[] ns = list.stream().mapToLong(s -> s.duration().toNanos()).sorted().toArray();
          long errors = list.stream().filter(Span::isError).count();
          out.add(
              new SpanAggregate(
                  k.bucket(),
                  k.service(),
                  k.operation(),
                  ns.length,
                  errors,
                  at(ns, 0.5),
                  at(ns, 0.95),
                  at(ns, 0.99),
                  Duration.ofNanos(Arrays.stream(ns).max().orElse(0))));
        });
    return out;
  }

  private static Duration at(long[] sorted, double q) {
    return Duration.ofNanos(sorted[(int) Math.floor(q * (sorted.length - 1))]);
  }
}
