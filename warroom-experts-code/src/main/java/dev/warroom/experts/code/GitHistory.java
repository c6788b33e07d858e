package dev.warroom.experts.code;

import dev.warroom.model.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Read-only access to a git repository with JGit: the files of HEAD as a code snapshot, and blame
 * (which commit last touched each line) for the lines around a failing frame.
 */
public final class GitHistory {
  private static final long MAX_FILE_BYTES = 1 << 20;
  private final Path repository;

  public GitHistory(Path repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  /** A commit that last changed some of the blamed lines. */
  public record BlamedCommit(
      String id, String author, Instant time, String summary, List<Integer> lines) {
    public BlamedCommit {
      Objects.requireNonNull(id, "id");
      lines = List.copyOf(lines);
    }
  }

  /** The HEAD commit id. */
  public String head() throws IOException {
    try (Git git = Git.open(repository.toFile())) {
      ObjectId id = git.getRepository().resolve("HEAD");
      if (id == null) {
        throw new IllegalArgumentException(repository + ": repository has no HEAD commit");
      }
      return id.name();
    }
  }

  /** The text files of HEAD (up to 1 MiB each) as {@code service}'s snapshot. */
  public List<SourceFile> snapshot(String service) throws IOException {
    List<SourceFile> out = new ArrayList<>();
    try (Git git = Git.open(repository.toFile());
        RevWalk walk = new RevWalk(git.getRepository());
        TreeWalk tree = new TreeWalk(git.getRepository())) {
      Repository repo = git.getRepository();
      ObjectId head = repo.resolve("HEAD");
      if (head == null) {
        throw new IllegalArgumentException(repository + ": repository has no HEAD commit");
      }
      tree.addTree(walk.parseCommit(head).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        var loader = repo.open(tree.getObjectId(0));
        if (loader.getSize() <= MAX_FILE_BYTES) {
          byte[] bytes = loader.getBytes();
          if (!containsNul(bytes)) {
            out.add(
                new SourceFile(
                    service, tree.getPathString(), new String(bytes, StandardCharsets.UTF_8)));
          }
        }
      }
    }
    return out;
  }

  /**
   * Commits that last touched lines {@code from..to} (1-based, inclusive) of {@code path}, newest
   * first.
   */
  public List<BlamedCommit> blame(String path, int from, int to) throws IOException {
    try (Git git = Git.open(repository.toFile())) {
      BlameResult result = git.blame().setFilePath(path).setFollowFileRenames(true).call();
      if (result == null) {
        return List.of();
      }
      Map<String, List<Integer>> lines = new LinkedHashMap<>();
      Map<String, RevCommit> commits = new LinkedHashMap<>();
      int size = result.getResultContents().size();
      for (int line = Math.max(1, from); line <= Math.min(to, size); line++) {
        RevCommit c = result.getSourceCommit(line - 1);
        if (c != null) {
          commits.putIfAbsent(c.name(), c);
          lines.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(line);
        }
      }
      List<BlamedCommit> out = new ArrayList<>();
      for (RevCommit c : commits.values()) {
        out.add(
            new BlamedCommit(
                c.name(),
                c.getAuthorIdent().getName(),
                c.getAuthorIdent().getWhenAsInstant(),
                c.getShortMessage(),
                lines.get(c.name())));
      }
      out.sort((a, b) -> b.time().compareTo(a.time()));
      return out;
    } catch (GitAPIException e) {
      throw new IOException("git blame " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean containsNul(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
