package dev.warroom.store;

/**
 * How the points of a time bucket are folded into one value. {@code RATE} is the per-second
 * increase of a counter (a drop is read as a counter reset, as in Prometheus' {@code rate}), summed
 * over the series of a group; {@code QUANTILE} uses the query's quantile; the others fold every
 * point of every series of the group that falls in the bucket.
 */
public enum Aggregation {
  AVG,
  MIN,
  MAX,
  SUM,
  COUNT,
  RATE,
  QUANTILE
}
