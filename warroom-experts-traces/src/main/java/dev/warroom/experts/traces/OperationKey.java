package dev.warroom.experts.traces;

import java.util.Objects;

/** A service and one of its operations (span name), e.g. {@code payment} / {@code POST /charge}. */
public record OperationKey(String service, String operation) {
  public OperationKey {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
  }

  @Override
  public String toString() {
    return service + " " + operation;
  }
}
