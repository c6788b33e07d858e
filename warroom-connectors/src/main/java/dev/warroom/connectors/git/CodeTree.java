package dev.warroom.connectors.git;

import dev.warroom.model.SourceFile;
import dev.warroom.model.WarroomException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The text files of a folder of a commit's tree: binary files (a NUL in the first 8,000 bytes, as
 * git's own heuristic) and files over the size limit are skipped; more than the total limit is an
 * error asking for narrower folders.
 */
final class CodeTree {
  private final String sourceName;
  private final long maxFileBytes;
  private final long maxTotalBytes;

  CodeTree(String sourceName, long maxFileBytes, long maxTotalBytes) {
    this.sourceName = sourceName;
    this.maxFileBytes = maxFileBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  static List<String> topLevel(Repository repo, RevTree tree) throws IOException {
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

  void read(
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
                  + sourceName
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
}
