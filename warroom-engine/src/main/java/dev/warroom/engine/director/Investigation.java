package dev.warroom.engine.director;

import dev.warroom.model.RcaReport;
import java.util.Objects;

/** The outcome of one investigation: the report, and the trace of the runbook run behind it. */
public record Investigation(RcaReport report, String runbookName, RunTrace trace) {
  public Investigation {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(runbookName, "runbookName");
    Objects.requireNonNull(trace, "trace");
  }
}
