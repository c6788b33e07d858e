package dev.warroom.connectors.git;

import dev.warroom.connectors.LiveStore;
import dev.warroom.connectors.OptionReader;
import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.SourceFile;
import dev.warroom.model.WarroomException;
import dev.warroom.store.EventQuery;
import dev.warroom.store.QueryResult;
import dev.warroom.store.StoreSummary;
import dev.warroom.store.UnsupportedQueryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;

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
  private static final Set<String> OPTIONS =
      Set.of("ref", "paths", "service", "deployOnCommit", "maxFileKiB", "maxTotalMiB");

  private final SourceConfig source;
  private final GitRepository git;
  private final String ref;
  private final ServicePaths services;
  private final boolean deployOnCommit;
  private final CodeTree files;
  private final CommitChanges commits;

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
    long maxFileBytes = o.integer("maxFileKiB", 1024, 1, 1 << 20) * 1024L;
    this.files =
        new CodeTree(
            source.name(), maxFileBytes, o.integer("maxTotalMiB", 64, 1, 4096) * 1024L * 1024L);
    this.commits = new CommitChanges(services, deployOnCommit, maxFileBytes);
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

  @Override
  public List<SourceFile> code(String service) {
    Repository repo = git.repository();
    try (RevWalk walk = new RevWalk(repo)) {
      RevTree tree = head(repo, walk).getTree();
      List<String> top = CodeTree.topLevel(repo, tree);
      List<String> wanted = service == null ? services.services(top) : List.of(service);
      List<SourceFile> out = new ArrayList<>();
      long[] total = {0};
      for (String s : wanted) {
        String folder = services.folderOf(s, top);
        if (folder != null) {
          files.read(repo, tree, s, folder, out, total);
        }
      }
      out.sort(Comparator.comparing(SourceFile::service).thenComparing(SourceFile::path));
      return out;
    } catch (IOException e) {
      throw failure("reading the files of " + ref, e);
    }
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
          rows.addAll(commits.of(repo, walk, c, q, commands));
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

  /** The services the repository holds (no counts: it holds code, not telemetry). */
  @Override
  public StoreSummary summary() {
    Repository repo = git.repository();
    try (RevWalk walk = new RevWalk(repo)) {
      List<StoreSummary.ServiceSummary> out = new ArrayList<>();
      RevTree tree = head(repo, walk).getTree();
      for (String s : new TreeSet<>(services.services(CodeTree.topLevel(repo, tree)))) {
        out.add(new StoreSummary.ServiceSummary(s, 0, 0, 0, 0, 0, 0));
      }
      return new StoreSummary(0, 0, 0, 0, 0, 0, out, null);
    } catch (IOException e) {
      throw failure("reading " + ref, e);
    }
  }

  @Override
  public UnsupportedQueryException unsupported(String what) {
    return new UnsupportedQueryException(
        "source "
            + source.name()
            + " (git) has no "
            + what
            + ": a repository answers code and changes");
  }

  @Override
  public void close() {
    git.close();
  }
}
