package dev.warroom.dsl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed runbook: {@code runbook id "title" { when ... budget ... body }}. {@code
 * leadingComments} are the comments before the {@code runbook} keyword and in the header; {@code
 * trailingComments} those after the closing brace.
 */
public record Runbook(
    String id,
    String title,
    Optional<Expr> when,
    Budget budget,
    List<Statement> body,
    List<Statement.Comment> leadingComments,
    List<Statement.Comment> trailingComments,
    Position position) {
  public Runbook {
    // The parser leaves the id empty when the header is broken; otherwise it is an identifier.
    if (!id.isEmpty()) {
      Identifiers.require(id, "runbook id");
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(budget, "budget");
    body = List.copyOf(body);
    leadingComments = List.copyOf(leadingComments);
    trailingComments = List.copyOf(trailingComments);
    Objects.requireNonNull(position, "position");
  }

  /** Every step in the runbook, depth first in source order. */
  public List<Statement.Step> steps() {
    return Ast.steps(body);
  }

  /** The top-level hypotheses (nested ones are in their parents' bodies). */
  public List<Statement.Hypothesis> hypotheses() {
    return body.stream()
        .filter(Statement.Hypothesis.class::isInstance)
        .map(Statement.Hypothesis.class::cast)
        .toList();
  }
}
