package dev.warroom.dsl;

import java.util.List;
import java.util.Objects;

/**
 * A parsed and checked runbook with every syntax and semantic diagnostic in source order. Run it
 * only when {@link #ok()}.
 */
public record CheckResult(Runbook runbook, List<Diagnostic> diagnostics) {
  public CheckResult {
    Objects.requireNonNull(runbook, "runbook");
    diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
  }

  /** Whether there is no error (warnings allowed). */
  public boolean ok() {
    return diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  /** Only the errors. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  /** Diagnostics one per line, each prefixed with {@code file:} ({@code file:3:7: error: ...}). */
  public String render(String file) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(file).append(':').append(d.render()).append('\n');
    }
    return out.toString();
  }
}
