package dev.warroom.connectors.git;

import dev.warroom.model.ConfigChange;
import dev.warroom.model.Deploy;
import dev.warroom.model.Event;
import dev.warroom.store.EventQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What one commit changed, as events: per-key {@link ConfigChange}s of the configuration files it
 * changed ({@link ConfigFiles}), and with {@code deployOnCommit} a {@link Deploy} of each service
 * it touched. Compared against the commit's first parent (the branch's own history).
 */
final class CommitChanges {
  private static final int MAX_CHANGES_PER_FILE = 200;
  private final ServicePaths services;
  private final boolean deployOnCommit;
  private final long maxFileBytes;

  CommitChanges(ServicePaths services, boolean deployOnCommit, long maxFileBytes) {
    this.services = services;
    this.deployOnCommit = deployOnCommit;
    this.maxFileBytes = maxFileBytes;
  }

  /** The changes one commit made, against its first parent. */
  List<Event> of(Repository repo, RevWalk walk, RevCommit c, EventQuery q, List<String> commands)
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
}
