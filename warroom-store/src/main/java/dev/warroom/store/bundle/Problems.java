package dev.warroom.store.bundle;

import dev.warroom.model.DataQuality;
import dev.warroom.model.FileQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The problems found while reading a bundle, each {@code path:line: what} or {@code path#/pointer:
 * what}, and per file the records kept, skipped (by reason) and noted.
 *
 * <p>Every problem is a skipped record (or a skipped file) and is counted under its file and
 * reason, however many there are. The list of problem lines stops growing after {@value #MAX} (with
 * a final line saying how many more there were) and a file's own examples after {@value
 * #EXAMPLES_PER_FILE}, so that a file of garbage cannot exhaust memory. In strict reading
 * (validation, {@code ingest --strict}) a file stops being read after {@value #PER_FILE} problems
 * and the bundle after {@value #MAX}: the load is refused anyway and the user sees the first ones.
 */
final class Problems {
  static final int MAX = 1000;

  /** Problems of one file beyond this many end its reading in strict mode. */
  static final int PER_FILE = 100;

  /** Examples kept per file for the data-quality account. */
  static final int EXAMPLES_PER_FILE = 20;

  private final boolean strict;
  private final List<String> list = new ArrayList<>();
  private int dropped;
  private final Map<String, Tally> files = new TreeMap<>();
  private Tally current;

  Problems() {
    this(true);
  }

  Problems(boolean strict) {
    this.strict = strict;
  }

  /** Per-file counts. */
  static final class Tally {
    final String path;
    long records;
    final Map<String, Long> skipped = new LinkedHashMap<>();
    final Map<String, Long> noted = new LinkedHashMap<>();
    final List<String> examples = new ArrayList<>();
    final List<String> noteExamples = new ArrayList<>();

    Tally(String path) {
      this.path = path;
    }

    void example(String text) {
      if (text != null && examples.size() < EXAMPLES_PER_FILE) {
        examples.add(text);
      }
    }

    /** Skipped records come first; kept-but-noted ones add at most a few lines. */
    List<String> allExamples() {
      List<String> out = new ArrayList<>(examples);
      out.addAll(noteExamples);
      return out;
    }
  }

  /** Examples of noted (kept) records listed per file. */
  static final int NOTE_EXAMPLES_PER_FILE = 3;

  /** Makes {@code rel} the file being read: records counted with {@link #record()} go to it. */
  void file(String rel) {
    current = tally(rel);
  }

  Tally tally(String rel) {
    return files.computeIfAbsent(rel, Tally::new);
  }

  /** One record kept from the file being read. */
  void record() {
    if (current != null) {
      current.records++;
    }
  }

  /** A problem {@code path...: what}; the record (or file) it names is skipped. */
  void add(String problem) {
    skip(fileOf(problem), reasonOf(problem), 1, problem);
  }

  void at(String file, long line, String what) {
    add(file + ":" + line + ": " + what);
  }

  /**
   * {@code count} records of {@code file} skipped for {@code reason}; {@code example} (a {@code
   * path:line: what} line, or null) is listed.
   */
  void skip(String file, String reason, long count, String example) {
    Tally t = tally(file);
    t.skipped.merge(reason, count, Long::sum);
    t.example(example);
    if (example != null) {
      if (list.size() < MAX) {
        list.add(example);
      } else {
        dropped++;
      }
    } else {
      dropped += (int) Math.min(count, Integer.MAX_VALUE - (long) dropped);
    }
  }

  /**
   * {@code count} records of {@code file} kept, but worth knowing about ({@code reason}: reordered,
   * counter reset, gap…). Not a problem: strict reading accepts them.
   */
  void note(String file, String reason, long count, String example) {
    Tally t = tally(file);
    t.noted.merge(reason, count, Long::sum);
    if (example != null && t.noteExamples.size() < NOTE_EXAMPLES_PER_FILE) {
      t.noteExamples.add(example);
    }
  }

  /** Records of {@code file} taken back after they were counted as kept (then skipped). */
  void unrecord(String file, long count) {
    Tally t = tally(file);
    t.records = Math.max(0, t.records - count);
  }

  boolean isEmpty() {
    return list.isEmpty() && dropped == 0;
  }

  /** True when strict reading should stop: enough problems to refuse the bundle were found. */
  boolean full() {
    return strict && list.size() >= MAX;
  }

  /** True when a file with {@code fileProblems} problems should not be read further. */
  boolean fileDone(int fileProblems) {
    return strict && fileProblems >= PER_FILE || full();
  }

  boolean strict() {
    return strict;
  }

  List<String> list() {
    List<String> out = new ArrayList<>(list);
    if (dropped > 0) {
      out.add("(" + dropped + " more problems not shown)");
    }
    return out;
  }

  int size() {
    return list.size();
  }

  /** The per-file account, in path order. */
  DataQuality quality(List<String> notes) {
    List<FileQuality> out = new ArrayList<>();
    for (Tally t : files.values()) {
      if (t.path.startsWith("code/") && t.skipped.isEmpty() && t.noted.isEmpty()) {
        continue; // a source snapshot's files are not telemetry: listed only when something is
        // wrong
      }
      out.add(new FileQuality(t.path, t.records, t.skipped, t.noted, t.allExamples()));
    }
    return new DataQuality(out, notes);
  }

  /** The file a problem line names: its text up to the first {@code :} or {@code #}. */
  static String fileOf(String problem) {
    for (int i = 0; i < problem.length(); i++) {
      char c = problem.charAt(i);
      if (c == ':' || c == '#') {
        return i == 0 ? "(bundle)" : problem.substring(0, i);
      }
    }
    return "(bundle)";
  }

  /**
   * The reason of a problem line, for counting: the text after its location, cut before the first
   * quoted value, with numbers replaced by {@code N}, so that {@code logs/a.jsonl:7: /ts: not a
   * timestamp: 'x'} and the same on line 9 count together as {@code /ts: not a timestamp}.
   */
  static String reasonOf(String problem) {
    String what = problem;
    int hash = problem.indexOf('#');
    int colon = problem.indexOf(": ");
    if (colon < 0) {
      return "unreadable";
    }
    // path:line: what | path#/pointer: what | path: what
    what = problem.substring(colon + 2);
    if (hash >= 0 && hash < colon) {
      String pointer = problem.substring(hash + 1, colon);
      // keep the field name of the pointer, not the element index
      String field = pointer.replaceAll("/[0-9]+", "");
      what = (field.isEmpty() ? "" : field + ": ") + what;
    }
    int cut = what.length();
    for (int i = 0; i < what.length(); i++) {
      char c = what.charAt(i);
      if (c == '\'' || c == '"' || c == '{' || c == '(' || c == '`') {
        cut = i;
        break;
      }
    }
    String r = what.substring(0, cut).replaceAll("[0-9]+", "N").strip();
    while (!r.isEmpty() && (r.endsWith(":") || r.endsWith(",") || r.endsWith("="))) {
      r = r.substring(0, r.length() - 1).strip();
    }
    if (r.length() > 80) {
      r = r.substring(0, 77) + "...";
    }
    return r.isEmpty() ? "malformed" : r;
  }
}
