package dev.warroom.dsl;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the parser returns: the runbook as far as it could be recovered (statements with syntax
 * errors are left out), every syntax diagnostic, and the names of steps whose text was broken (so
 * the checker does not report them again as undefined).
 */
public record ParseResult(Runbook runbook, List<Diagnostic> diagnostics, Set<String> brokenSteps) {
  public ParseResult {
    Objects.requireNonNull(runbook, "runbook");
    diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
    brokenSteps = Set.copyOf(brokenSteps);
  }

  /** Whether the text parsed without errors. */
  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }
}
