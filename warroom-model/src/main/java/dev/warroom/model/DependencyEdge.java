package dev.warroom.model;

/**
 * A directed dependency: {@code caller} calls {@code callee}. {@code protocol} may be empty (http,
 * grpc, sql, redis, amqp…); {@code callsPerMinute} is 0 when unknown.
 */
public record DependencyEdge(String caller, String callee, String protocol, double callsPerMinute) {
  public DependencyEdge {
    Checks.nonBlank(caller, "caller");
    Checks.nonBlank(callee, "callee");
    protocol = protocol == null ? "" : protocol;
    if (!(callsPerMinute >= 0)) {
      throw new IllegalArgumentException("negative callsPerMinute: " + callsPerMinute);
    }
  }
}
