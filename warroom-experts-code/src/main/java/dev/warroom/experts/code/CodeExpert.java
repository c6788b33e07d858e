package dev.warroom.experts.code;

import dev.warroom.model.CodeRef;
import dev.warroom.model.Evidence;
import dev.warroom.model.EvidenceKind;
import dev.warroom.model.FaultClass;
import dev.warroom.model.Finding;
import dev.warroom.model.FindingDetail;
import dev.warroom.model.LogRecord;
import dev.warroom.model.Severity;
import dev.warroom.model.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code expert: parses the stack traces in a text, finds the innermost application frame of each
 * root cause, maps it to the service's code (a snapshot or a git repository), shows the surrounding
 * lines, reasons statically about the failing line ({@link JavaFaultReasoner}) and, with a
 * repository, lists the commits that last touched those lines. A pure function of its inputs apart
 * from reading the repository it is given.
 */
public final class CodeExpert {
  /** The expert's name in {@link Finding#expert()}. */
  public static final String NAME = "code";

  private static final int CONTEXT_LINES = 3;
  private final StackTraceParser parser = new StackTraceParser();
  private final JavaFaultReasoner reasoner = new JavaFaultReasoner();

  /** Findings for the traces in {@code stackTraceText} against a code snapshot (may be empty). */
  public List<Finding> analyze(String stackTraceText, List<SourceFile> snapshot) {
    return analyze(stackTraceText, snapshot, null, null);
  }

  /** Findings against the HEAD of a git repository, with blame of the failing lines. */
  public List<Finding> analyze(String stackTraceText, Path gitRepository, String service)
      throws IOException {
    GitHistory git = new GitHistory(gitRepository);
    return analyze(stackTraceText, git.snapshot(service), git, git.head());
  }

  /**
   * Findings for the stack traces in log records (e.g. the ERROR records of the incident window): a
   * frame is looked up first in the snapshot files of the record's own service, and a finding's
   * onset is the first record that reported its failure. Records below WARN are ignored; WARN
   * records count only with a real stack trace, since many loggers print their caller's file:line
   * on every line; ERROR and FATAL records also count when they only name that location.
   */
  public List<Finding> analyzeLogs(List<LogRecord> records, List<SourceFile> snapshot) {
    return analyzeLogFailures(records, snapshot).stream().map(LogFailure::finding).toList();
  }

  /**
   * One distinct failure found in log records: the expert's finding, how many records reported it,
   * and whether its root cause is an error raised because a dependency failed (the caller's line,
   * not the fault's; see {@link DependencyFailure}).
   */
  public record LogFailure(Finding finding, int occurrences, boolean dependencyFailure) {
    public LogFailure {
      java.util.Objects.requireNonNull(finding, "finding");
      if (occurrences < 1) {
        throw new IllegalArgumentException("occurrences < 1: " + occurrences);
      }
    }
  }

  /**
   * {@link #analyzeLogs} with each finding's occurrence count and dependency flag, strongest first,
   * for callers that weigh failures by how often they happened.
   */
  public List<LogFailure> analyzeLogFailures(List<LogRecord> records, List<SourceFile> snapshot) {
    List<Sighting> sightings = new ArrayList<>();
    for (LogRecord r : records) {
      if (r.severity().compareTo(Severity.WARN) < 0) {
        continue;
      }
      for (StackTrace t : parser.parse(r.body(), r.severity().compareTo(Severity.ERROR) >= 0)) {
        sightings.add(new Sighting(t, r.service(), r.timestamp()));
      }
    }
    return analyze(sightings, snapshot, null, null);
  }

  private List<Finding> analyze(
      String text, List<SourceFile> snapshot, GitHistory git, String commit) {
    List<Sighting> sightings =
        parser.parse(text).stream().map(t -> new Sighting(t, null, null)).toList();
    return analyze(sightings, snapshot, git, commit).stream().map(LogFailure::finding).toList();
  }

  /** A trace and, when it came from a log record, the record's service and time. */
  private record Sighting(StackTrace trace, String service, Instant at) {}

  private List<LogFailure> analyze(
      List<Sighting> sightings, List<SourceFile> snapshot, GitHistory git, String commit) {
    SourceIndex index = SourceIndex.of(snapshot);
    FrameClassifier classifier = new FrameClassifier(index);
    // the same failure (root type at the same frame of the same service) is one finding
    Map<String, Occurrence> failures = new LinkedHashMap<>();
    for (Sighting s : sightings) {
      StackTrace trace = classifier.classify(s.trace());
      StackTrace root = trace.rootCause();
      Optional<StackFrame> frame = root.topApplicationFrame().or(trace::topApplicationFrame);
      if (frame.isEmpty() && root.frames().isEmpty()) {
        continue;
      }
      StackFrame at = frame.orElse(root.frames().getFirst());
      Occurrence o =
          failures.computeIfAbsent(
              s.service() + "|" + root.type() + "@" + at,
              k -> new Occurrence(trace, root, at, frame.isPresent(), s.service()));
      o.count++;
      if (s.at() != null && (o.first == null || s.at().isBefore(o.first))) {
        o.first = s.at();
      }
    }
    List<LogFailure> out = new ArrayList<>();
    int n = 0;
    for (Occurrence o : failures.values()) {
      out.add(
          new LogFailure(
              finding(o, index, git, commit, ++n), o.count, DependencyFailure.matches(o.root)));
    }
    out.sort(Comparator.comparingDouble((LogFailure f) -> f.finding().score()).reversed());
    return List.copyOf(out);
  }

  /** One distinct failure and how often the text reported it; local to one analysis. */
  private static final class Occurrence {
    final StackTrace trace;
    final StackTrace root;
    final StackFrame at;
    final boolean applicationFrame;
    final String service;
    int count;
    Instant first;

    Occurrence(
        StackTrace trace,
        StackTrace root,
        StackFrame at,
        boolean applicationFrame,
        String service) {
      this.service = service;
      this.trace = trace;
      this.root = root;
      this.at = at;
      this.applicationFrame = applicationFrame;
    }
  }

  private Finding finding(Occurrence o, SourceIndex index, GitHistory git, String commit, int n) {
    StackTrace trace = o.trace;
    StackTrace root = o.root;
    StackFrame at = o.at;
    boolean applicationFrame = o.applicationFrame;
    String prefix = NAME + ":" + n + ":";
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(traceEvidence(prefix + "trace", trace, root));
    Optional<SourceFile> file = index.find(root.language(), at, o.service);
    String service = file.map(SourceFile::service).orElse(o.service);
    String where = at.function() + " (" + at.file() + (at.line() > 0 ? ":" + at.line() : "") + ")";
    Diagnosis diagnosis = null;
    if (file.isPresent() && at.line() > 0) {
      SourceFile f = file.get();
      evidence.add(
          codeEvidence(
              prefix + "code",
              f,
              at.line(),
              commit,
              "failing line " + f.path() + ":" + at.line() + " in " + at.function()));
      where = f.path() + ":" + at.line() + " (" + at.function() + ")";
      if (root.language() == Language.JAVA && f.path().endsWith(".java")) {
        diagnosis =
            reasoner.diagnose(f.content(), at.line(), root.type(), root.message()).orElse(null);
        if (diagnosis != null) {
          evidence.add(
              codeEvidence(
                  prefix + "diagnosis",
                  f,
                  diagnosis.line(),
                  commit,
                  diagnosis.cause() + "; fix: " + diagnosis.fix()));
        }
      }
      if (git != null) {
        blameEvidence(prefix + "blame", git, f.path(), at.line()).ifPresent(evidence::add);
      }
    }
    // an error raised because a dependency failed marks the caller's line, not the fault's
    boolean dependency = DependencyFailure.matches(root);
    String summary =
        root.simpleType()
            + (root.message().isEmpty() ? "" : " \"" + abbreviate(root.message(), 120) + "\"")
            + " at "
            + where
            + (diagnosis == null ? "" : ": " + diagnosis.cause() + ". Fix: " + diagnosis.fix())
            + (o.count > 1 ? " (" + o.count + " occurrences)" : "")
            + (dependency ? " [raised by a failing dependency]" : "");
    double score =
        file.isPresent() ? (diagnosis != null ? 0.9 : 0.8) : applicationFrame ? 0.6 : 0.4;
    if (dependency) {
      score *= 0.6;
    }
    // repeated failures weigh more: x0.8 once, x1.0 from 100 occurrences (log scale)
    score *= 0.8 + 0.2 * Math.min(1, Math.log10(o.count) / 2);
    return new Finding(
        NAME,
        service,
        service != null ? service : at.file().isEmpty() ? at.function() : at.file(),
        faultClass(root),
        summary,
        score,
        o.first,
        evidence,
        new FindingDetail.CodeFailure(
            file.map(SourceFile::path).orElse(at.file()),
            at.line(),
            at.function(),
            root.type(),
            o.count));
  }

  private static FaultClass faultClass(StackTrace root) {
    String text = root.type() + " " + root.message();
    if (text.contains("OutOfMemoryError") || text.contains("MemoryError")) {
      return FaultClass.MEMORY_EXHAUSTION;
    }
    if (text.contains("Connection is not available")
        || text.contains("SQLTransientConnectionException")) {
      return FaultClass.CONNECTION_POOL_EXHAUSTION;
    }
    return FaultClass.CODE_EXCEPTION;
  }

  private static Evidence traceEvidence(String id, StackTrace trace, StackTrace root) {
    List<String> rows = new ArrayList<>();
    for (StackTrace t = trace; t != null; t = t.cause()) {
      rows.add(
          (t == trace ? "" : "caused by: ")
              + t.type()
              + (t.message().isEmpty() ? "" : ": " + t.message()));
      t.frames().stream()
          .limit(12)
          .forEach(f -> rows.add((f.application() ? "  app  " : "  lib  ") + f));
    }
    return new Evidence(
        id,
        EvidenceKind.CODE,
        "stack trace (" + trace.language().name().toLowerCase(java.util.Locale.ROOT) + ")",
        "",
        Map.of(),
        "root cause " + root.type() + " with " + root.frames().size() + " frames",
        rows,
        List.of(root.type()),
        null,
        null);
  }

  private static Evidence codeEvidence(
      String id, SourceFile file, int line, String commit, String summary) {
    List<String> lines = file.content().lines().toList();
    List<String> rows = new ArrayList<>();
    for (int i = Math.max(1, line - CONTEXT_LINES);
        i <= Math.min(lines.size(), line + CONTEXT_LINES);
        i++) {
      rows.add(String.format("%s%5d | %s", i == line ? ">" : " ", i, lines.get(i - 1)));
    }
    return new Evidence(
        id,
        EvidenceKind.CODE,
        "code " + file.service(),
        "",
        Map.of(),
        summary,
        rows,
        List.of(file.path() + ":" + line),
        new CodeRef(file.service(), file.path(), line, commit),
        null);
  }

  private static Optional<Evidence> blameEvidence(
      String id, GitHistory git, String path, int line) {
    try {
      List<GitHistory.BlamedCommit> commits =
          new ArrayList<>(git.blame(path, line - CONTEXT_LINES, line + CONTEXT_LINES));
      // the commit that wrote the failing line itself first, then the newest around it
      commits.sort(Comparator.comparing((GitHistory.BlamedCommit c) -> !c.lines().contains(line)));
      if (commits.isEmpty()) {
        return Optional.empty();
      }
      List<String> rows = new ArrayList<>();
      for (GitHistory.BlamedCommit c : commits) {
        rows.add(
            c.id().substring(0, 12)
                + " "
                + c.time()
                + " "
                + c.author()
                + ": "
                + c.summary()
                + " (lines "
                + c.lines()
                + ")");
      }
      GitHistory.BlamedCommit last = commits.getFirst();
      return Optional.of(
          new Evidence(
              id,
              EvidenceKind.CODE,
              "git blame",
              "git blame -L " + (line - CONTEXT_LINES) + "," + (line + CONTEXT_LINES) + " " + path,
              Map.of(),
              (last.lines().contains(line) ? "line " : "last change near ")
                  + path
                  + ":"
                  + line
                  + " was last changed in "
                  + last.id().substring(0, 12)
                  + " by "
                  + last.author()
                  + " at "
                  + last.time()
                  + ": "
                  + last.summary(),
              rows,
              List.of(last.id(), last.author()),
              new CodeRef("", path, line, last.id()),
              null));
    } catch (IOException e) {
      // blame is supporting evidence; a repository without history for this path has none
      return Optional.empty();
    }
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
