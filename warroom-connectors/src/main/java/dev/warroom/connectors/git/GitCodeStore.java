package dev.warroom.connectors.git;

import dev.warroom.connectors.LiveStore;
import dev.warroom.connectors.OptionReader;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.Alert;
import dev.warroom.model.BundleManifest;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.DatabaseStats;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.LogRecord;
import dev.warroom.model.MetricSeries;
import dev.warroom.model.SourceFile;
import dev.warroom.model.Span;
import dev.warroom.model.Topology;
import dev.warroom.model.WarroomException;
import dev.warroom.store.EventQuery;
import dev.warroom.store.LogCount;
import dev.warroom.store.LogCountQuery;
import dev.warroom.store.LogQuery;
import dev.warroom.store.MetricAggregationQuery;
import dev.warroom.store.MetricQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.SpanAggregate;
import dev.warroom.store.SpanAggregateQuery;
import dev.warroom.store.SpanQuery;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.UnsupportedQueryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A Git repository as the source of code and of changes (source type {@code git}; URL a local path,
 * a {@code file:} URL, or an https/ssh/git URL cloned bare into a temporary folder).
 *
 * <ul>
 *   <li>{@code code(service)}: the text files (up to {@code maxFileKiB}, default 1024) of the
 *       service's folder at {@code ref} (default HEAD), paths relative to that folder, as a
 *       bundle's {@code code/<service>/} holds them.
 *   <li>{@code events}: commits of {@code ref} whose commit time is in the window. A changed
 *       configuration file (properties, YAML, dotenv) becomes one {@link ConfigChange} per key it
 *       changed ({@code <file>:<key>}); with {@code deployOnCommit: true} (continuous deployment or
 *       GitOps, where what lands on the branch is what runs) each commit is also a {@link Deploy}
 *       of the services it touched, version its short id. A commit is otherwise not claimed to be a
 *       deploy.
 * </ul>
 *
 * <p>Files map to services by {@code paths: {service: folder}}, or {@code service: NAME} for a
 * repository of one service, else by top-level folder name. Other kinds of query are {@link
 * UnsupportedQueryException}. The native query of events is the equivalent git commands.
 */
public final class GitCodeStore implements LiveStore {
  static final String DIALECT = "git";
  private static final int MAX_COMMITS = 10_000;
  private static final int MAX_CHANGES_PER_FILE = 200;
  private static final Set<String> OPTIONS =
      Set.of("ref", "paths", "service", "deployOnCommit", "maxFileKiB", "maxTotalMiB");

  private final SourceConfig source;
  private final GitRepository git;
  private final String ref;
  private final ServicePaths services;
  private final boolean deployOnCommit;
  private final long maxFileBytes;
  private final long maxTotalBytes;

  private GitCodeStore(SourceConfig source) {
    if (source.type() != SourceConfig.Type.GIT) {
      throw new InvalidInputException(
          "source " + source.name() + ": type " + source.type().id() + " is not git");
    }
    OptionReader o = new OptionReader(source, OPTIONS);
    this.source = source;
    this.ref = o.string("ref", "HEAD");
    this.services = new ServicePaths(o.mapping("paths"), o.string("service", null));
    this.deployOnCommit = o.bool("deployOnCommit", false);
    this.maxFileBytes = o.integer("maxFileKiB", 1024, 1, 1 << 20) * 1024L;
    this.maxTotalBytes = o.integer("maxTotalMiB", 64, 1, 4096) * 1024L * 1024L;
    this.git = new GitRepository(source);
  }

  /**
   * A store reading the repository of {@code source} (type git). No I/O happens here: a remote is
   * cloned at the first query.
   *
   * @throws InvalidInputException for a malformed URL or option
   */
  public static LiveStore open(SourceConfig source) {
    return new GitCodeStore(source);
  }

  @Override
  public SourceConfig source() {
    return source;
  }

  /** A clone of a remote is brought up to date (fetched) at the next read. */
  @Override
  public void startInvestigation() {
    git.markStale();
  }

  private WarroomException failure(String doing, Exception e) {
    return new WarroomException.NonRetriable(
        "source "
            + source.name()
            + " (git): "
            + doing
            + " in "
            + git.where()
            + ": "
            + e.getMessage(),
        e);
  }

  private RevCommit head(Repository repo, RevWalk walk) throws IOException {
    ObjectId id = repo.resolve(ref);
    if (id == null) {
      throw new WarroomException.NonRetriable(
          "source " + source.name() + " (git): ref '" + ref + "' not found in " + git.where(),
          null);
    }
    return walk.parseCommit(id);
  }

  @Override
  public void check() {
    Repository repo = git.repository();
    try (RevWalk walk = new RevWalk(repo)) {
      head(repo, walk);
    } catch (IOException e) {
      throw failure("reading " + ref, e);
    }
  }

  private List<String> topLevel(Repository repo, RevTree tree) throws IOException {
    List<String> out = new ArrayList<>();
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(tree);
      tw.setRecursive(false);
      while (tw.next()) {
        if (tw.isSubtree()) {
          out.add(tw.getNameString());
        }
      }
    }
    return out;
  }

  @Override
  public List<SourceFile> code(String service) {
    Repository repo = git.repository();
    try (RevWalk walk = new RevWalk(repo)) {
      RevTree tree = head(repo, walk).getTree();
      List<String> top = topLevel(repo, tree);
      List<String> wanted = service == null ? services.services(top) : List.of(service);
      List<SourceFile> out = new ArrayList<>();
      long[] total = {0};
      for (String s : wanted) {
        String folder = services.folderOf(s, top);
        if (folder != null) {
          read(repo, tree, s, folder, out, total);
        }
      }
      out.sort(Comparator.comparing(SourceFile::service).thenComparing(SourceFile::path));
      return out;
    } catch (IOException e) {
      throw failure("reading the files of " + ref, e);
    }
  }

  private void read(
      Repository repo,
      RevTree tree,
      String service,
      String folder,
      List<SourceFile> out,
      long[] total)
      throws IOException {
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(tree);
      tw.setRecursive(true);
      if (!folder.isEmpty()) {
        tw.setFilter(PathFilter.create(folder));
      }
      while (tw.next()) {
        if (tw.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
          continue; // a submodule
        }
        var loader = repo.open(tw.getObjectId(0));
        if (loader.getSize() > maxFileBytes) {
          continue;
        }
        byte[] bytes = loader.getBytes();
        if (binary(bytes)) {
          continue;
        }
        total[0] += bytes.length;
        if (total[0] > maxTotalBytes) {
          throw new WarroomException.NonRetriable(
              "source "
                  + source.name()
                  + " (git): the code read is larger than "
                  + (maxTotalBytes >> 20)
                  + " MiB; map smaller folders with options.paths or raise options.maxTotalMiB",
              null);
        }
        String path = tw.getPathString();
        String relative = folder.isEmpty() ? path : path.substring(folder.length() + 1);
        out.add(new SourceFile(service, relative, new String(bytes, StandardCharsets.UTF_8)));
      }
    }
  }

  private static boolean binary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public QueryResult<Event> events(EventQuery q) {
    List<String> commands = new ArrayList<>();
    List<Event> rows = new ArrayList<>();
    boolean truncated = false;
    if (q.objectKind() == null && q.objectName() == null) {
      Repository repo = git.repository();
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit head = head(repo, walk);
        walk.markStart(head);
        StringBuilder log = new StringBuilder("git rev-list " + ref);
        if (q.window() != null) {
          walk.setRevFilter(
              CommitTimeRevFilter.between(q.window().start(), q.window().end().minusMillis(1)));
          log.append(" --since=").append(q.window().start().getEpochSecond());
          log.append(" --until=").append(q.window().end().getEpochSecond() - 1);
        }
        commands.add(log.toString());
        int seen = 0;
        for (RevCommit c : walk) {
          if (++seen > MAX_COMMITS) {
            truncated = true;
            break;
          }
          rows.addAll(changes(repo, walk, c, q, commands));
        }
      } catch (IOException e) {
        throw failure("reading the history of " + ref, e);
      }
    }
    List<Event> kept = new ArrayList<>();
    for (Event e : rows) {
      String type = e instanceof Deploy ? "deploy" : "config";
      if ((q.window() == null || q.window().contains(e.time()))
          && (q.services().isEmpty() || q.services().contains(e.service()))
          && (q.reasons().isEmpty() || q.reasons().contains(type))) {
        kept.add(e);
      }
    }
    kept.sort(Comparator.comparing(Event::time).thenComparing(Event::describe));
    if (kept.size() > q.limit()) {
      kept = kept.subList(0, q.limit());
      truncated = true;
    }
    return new QueryResult<>(kept, DIALECT, String.join("\n", commands), truncated);
  }

  /** The changes one commit made, against its first parent. */
  private List<Event> changes(
      Repository repo, RevWalk walk, RevCommit c, EventQuery q, List<String> commands)
      throws IOException {
    RevCommit parent = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
    List<DiffEntry> diffs;
    try (TreeWalk tw = new TreeWalk(repo)) {
      if (parent == null) {
        tw.addTree(new EmptyTreeIterator());
      } else {
        tw.addTree(parent.getTree());
      }
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      diffs = DiffEntry.scan(tw);
    }
    commands.add(
        "git diff-tree -r --no-renames "
            + (parent == null ? "--root " : parent.abbreviate(12).name() + " ")
            + c.abbreviate(12).name());
    Instant at = Instant.ofEpochSecond(c.getCommitTime());
    String author = c.getAuthorIdent().getName();
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("commit", c.name());
    attrs.put("subject", c.getShortMessage());
    attrs.put("authorEmail", c.getAuthorIdent().getEmailAddress());
    List<Event> out = new ArrayList<>();
    Set<String> touched = new TreeSet<>();
    boolean wantConfig = q.reasons().isEmpty() || q.reasons().contains("config");
    for (DiffEntry d : diffs) {
      String path =
          d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath();
      List<String> owners = services.servicesOf(path);
      touched.addAll(owners);
      if (owners.isEmpty() || !wantConfig || !ConfigFiles.isConfig(path)) {
        continue;
      }
      if (!q.services().isEmpty() && owners.stream().noneMatch(q.services()::contains)) {
        continue;
      }
      String before =
          blob(repo, d.getOldId().toObjectId(), d.getChangeType() == DiffEntry.ChangeType.ADD);
      String after =
          blob(repo, d.getNewId().toObjectId(), d.getChangeType() == DiffEntry.ChangeType.DELETE);
      commands.add("git show " + c.abbreviate(12).name() + ":" + path);
      Map<String, String> fileAttrs = new LinkedHashMap<>(attrs);
      fileAttrs.put("file", path);
      for (String owner : owners) {
        out.addAll(configChanges(at, owner, path, before, after, author, fileAttrs, d));
      }
    }
    if (deployOnCommit) {
      for (String s : touched) {
        out.add(
            new Deploy(
                at,
                s,
                c.abbreviate(7).name(),
                "",
                parent == null ? null : parent.abbreviate(7).name(),
                author,
                attrs));
      }
    }
    return out;
  }

  private static List<Event> configChanges(
      Instant at,
      String service,
      String path,
      String before,
      String after,
      String author,
      Map<String, String> attrs,
      DiffEntry d) {
    List<Event> out = new ArrayList<>();
    try {
      Map<String, String> a = ConfigFiles.keys(path, before);
      Map<String, String> b = ConfigFiles.keys(path, after);
      TreeSet<String> keys = new TreeSet<>(a.keySet());
      keys.addAll(b.keySet());
      for (String k : keys) {
        if (!Objects.equals(a.get(k), b.get(k))) {
          if (out.size() == MAX_CHANGES_PER_FILE) {
            break;
          }
          out.add(new ConfigChange(at, service, path + ":" + k, a.get(k), b.get(k), author, attrs));
        }
      }
    } catch (IOException | RuntimeException e) {
      // unreadable as keys: the file changed as a whole
      out.add(
          new ConfigChange(
              at,
              service,
              path,
              before == null ? null : "blob " + d.getOldId().name().substring(0, 7),
              after == null ? null : "blob " + d.getNewId().name().substring(0, 7),
              author,
              attrs));
    }
    return out;
  }

  private String blob(Repository repo, ObjectId id, boolean absent) throws IOException {
    if (absent || id.equals(ObjectId.zeroId())) {
      return null;
    }
    var loader = repo.open(id);
    if (loader.getSize() > maxFileBytes) {
      return null;
    }
    return new String(loader.getBytes(), StandardCharsets.UTF_8);
  }

  /** The services the repository holds (no counts: it holds code, not telemetry). */
  @Override
  public StoreSummary summary() {
    Repository repo = git.repository();
    try (RevWalk walk = new RevWalk(repo)) {
      List<StoreSummary.ServiceSummary> out = new ArrayList<>();
      RevTree tree = head(repo, walk).getTree();
      for (String s : new TreeSet<>(services.services(topLevel(repo, tree)))) {
        out.add(new StoreSummary.ServiceSummary(s, 0, 0, 0, 0, 0, 0));
      }
      return new StoreSummary(0, 0, 0, 0, 0, 0, out, null);
    } catch (IOException e) {
      throw failure("reading " + ref, e);
    }
  }

  private UnsupportedQueryException unsupported(String what) {
    return new UnsupportedQueryException(
        "source "
            + source.name()
            + " (git) has no "
            + what
            + ": a repository answers code and changes");
  }

  @Override
  public QueryResult<MetricSeries> metrics(MetricQuery query) {
    throw unsupported("metrics");
  }

  @Override
  public QueryResult<MetricSeries> aggregate(MetricAggregationQuery query) {
    throw unsupported("metrics");
  }

  @Override
  public List<String> metricNames() {
    throw unsupported("metrics");
  }

  @Override
  public QueryResult<LogRecord> logs(LogQuery query) {
    throw unsupported("logs");
  }

  @Override
  public QueryResult<LogCount> logCounts(LogCountQuery query) {
    throw unsupported("logs");
  }

  @Override
  public QueryResult<Span> trace(String traceId) {
    throw unsupported("traces");
  }

  @Override
  public QueryResult<Span> spans(SpanQuery query) {
    throw unsupported("traces");
  }

  @Override
  public QueryResult<SpanAggregate> spanAggregates(SpanAggregateQuery query) {
    throw unsupported("traces");
  }

  @Override
  public Topology topology() {
    throw unsupported("topology");
  }

  @Override
  public QueryResult<DatabaseStats> databases(String component) {
    throw unsupported("database statistics");
  }

  @Override
  public Optional<Alert> alert() {
    return Optional.empty();
  }

  @Override
  public BundleManifest manifest() {
    return BundleManifest.empty();
  }

  @Override
  public void close() {
    git.close();
  }
}
