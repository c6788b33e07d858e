package dev.warroom.dsl;

/**
 * A 1-based line and column in runbook source. {@link #NONE} marks nodes built in code (or stripped
 * for structural comparison, see {@link Ast#withoutPositions}).
 */
public record Position(int line, int column) {
  /** The position of a node that does not come from source text. */
  public static final Position NONE = new Position(0, 0);

  public Position {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("negative position: " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
