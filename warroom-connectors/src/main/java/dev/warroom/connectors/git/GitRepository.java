package dev.warroom.connectors.git;

import dev.warroom.connectors.SourceConfig;
import dev.warroom.model.InvalidInputException;
import dev.warroom.model.WarroomException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The repository a git source names, opened when first needed: a local repository (a path, or a
 * {@code file:} URL) is read in place; a remote one (https, ssh, git) is cloned bare into a
 * temporary folder (fetch only, nothing is ever pushed) that {@link #close} deletes. Basic auth
 * gives the user and password (or access token) of an https remote.
 */
final class GitRepository implements AutoCloseable {
  private final SourceConfig source;
  private final Path local;
  private Repository repository;
  private Path clone;
  private boolean stale;

  GitRepository(SourceConfig source) {
    this.source = source;
    URI u = source.url();
    String scheme = u.getScheme();
    if (source.auth() instanceof SourceConfig.Auth.Bearer) {
      throw new InvalidInputException(
          "source "
              + source.name()
              + ": auth: git takes {basic: {user, password}} (an access token is the password)");
    }
    if (scheme == null || scheme.equals("file")) {
      this.local = scheme == null ? Path.of(u.getPath()) : Path.of(u);
    } else if (scheme.equals("https")
        || scheme.equals("http")
        || scheme.equals("ssh")
        || scheme.equals("git")) {
      this.local = null;
    } else {
      throw new InvalidInputException(
          "source "
              + source.name()
              + ": url: expected a repository path, a file: URL or an https/ssh/git URL, got "
              + u);
    }
  }

  /** Where the repository is, for messages (a URL never carries credentials here). */
  String where() {
    return local != null ? local.toString() : source.url().toString();
  }

  /** The repository, opened or cloned on first use. */
  /** The next read of a cloned remote fetches first (a new investigation wants today's code). */
  synchronized void markStale() {
    stale = repository != null && clone != null;
  }

  synchronized Repository repository() {
    if (repository != null && stale) {
      fetch();
    }
    if (repository != null) {
      return repository;
    }
    try {
      if (local != null) {
        repository = Git.open(local.toFile()).getRepository();
      } else {
        clone = Files.createTempDirectory("warroom-git-");
        var cmd =
            Git.cloneRepository()
                .setURI(source.url().toString())
                .setBare(true)
                .setDirectory(clone.toFile())
                .setTimeout((int) Math.max(1, source.timeout().toSeconds()));
        if (source.auth() instanceof SourceConfig.Auth.Basic b) {
          cmd.setCredentialsProvider(
              new UsernamePasswordCredentialsProvider(b.user(), b.password().resolve()));
        }
        try (Git git = cmd.call()) {
          repository = git.getRepository();
        }
      }
      return repository;
    } catch (TransportException e) {
      deleteClone();
      String msg = e.getMessage() == null ? "" : e.getMessage();
      boolean auth = msg.contains("not authorized") || msg.toLowerCase().contains("authentication");
      String text = "source " + source.name() + " (git): cannot clone " + where() + ": " + msg;
      throw auth
          ? new WarroomException.NonRetriable(text, e)
          : new WarroomException.Retriable(text, e);
    } catch (IOException | GitAPIException e) {
      deleteClone();
      throw new WarroomException.NonRetriable(
          "source "
              + source.name()
              + " (git): cannot open the repository "
              + where()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void fetch() {
    try (Git g = Git.wrap(repository)) {
      var cmd =
          g.fetch()
              .setRemote(source.url().toString())
              .setRefSpecs("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*")
              .setTimeout((int) Math.max(1, source.timeout().toSeconds()));
      if (source.auth() instanceof SourceConfig.Auth.Basic b) {
        cmd.setCredentialsProvider(
            new UsernamePasswordCredentialsProvider(b.user(), b.password().resolve()));
      }
      cmd.call();
      stale = false;
    } catch (GitAPIException e) {
      throw new WarroomException.Retriable(
          "source " + source.name() + " (git): cannot fetch " + where() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (repository != null) {
      repository.close();
      repository = null;
    }
    deleteClone();
  }

  private void deleteClone() {
    if (clone == null) {
      return;
    }
    try (var files = Files.walk(clone)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind costs disk, not correctness
    }
    clone = null;
  }
}
