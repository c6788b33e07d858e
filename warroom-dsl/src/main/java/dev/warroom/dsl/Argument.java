package dev.warroom.dsl;

import java.util.Objects;

/** A named actor argument in a step: {@code window: alert.window}. */
public record Argument(String name, Expr value, Position position) {
  public Argument {
    Identifiers.require(name, "argument name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(position, "position");
  }
}
