package dev.warroom.gym;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GymDeterminismTest {
  @TempDir Path tmp;

  @Test
  void sameSeedWritesByteIdenticalBundles() throws Exception {
    Episodes.run("shop", FaultType.NULL_DEREFERENCE, 11).write(tmp.resolve("a"));
    Episodes.run("shop", FaultType.NULL_DEREFERENCE, 11).write(tmp.resolve("b"));
    assertThat(hash(tmp.resolve("a"))).isEqualTo(hash(tmp.resolve("b")));
  }

  @Test
  void differentSeedsGiveDifferentBundles() throws Exception {
    Episodes.run("bank", FaultType.CPU_HOG, 1).write(tmp.resolve("a"));
    Episodes.run("bank", FaultType.CPU_HOG, 2).write(tmp.resolve("b"));
    assertThat(hash(tmp.resolve("a"))).isNotEqualTo(hash(tmp.resolve("b")));
  }

  /** SHA-256 over every file's relative path and bytes, in path order. */
  static String hash(Path dir) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(5);
    for (Path f : files) {
      md.update(dir.relativize(f).toString().getBytes());
      md.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
