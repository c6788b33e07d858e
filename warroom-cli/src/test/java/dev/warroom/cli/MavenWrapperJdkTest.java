package dev.warroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mvnw} runs Maven on a JDK 21+ found in the usual places when the default {@code java} is
 * older and JAVA_HOME is unset, as {@code bin/warroom} does: here the default {@code java} is a
 * stand-in script that reports version 17 and has no {@code javac} beside it.
 */
@DisabledOnOs(OS.WINDOWS)
class MavenWrapperJdkTest {

  @Test
  void findsAJdk21WhenTheDefaultJavaIs17(@TempDir Path tmp) throws Exception {
    assumeTrue(
        jdk21UnderUsualPlaces(),
        "no JDK 21+ under /usr/lib/jvm, /usr/java or /opt on this machine: nothing to find");
    Path bin = Files.createDirectories(tmp.resolve("old-jdk/bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "echo '    java.specification.version = 17' >&2\n"
            + "echo 'openjdk version \"17.0.9\"' >&2\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path root = Path.of("..").toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("mvnw").toString(), "-v");
    pb.directory(root.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    Matcher m = Pattern.compile("Java version: (\\d+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(21);
  }

  private static boolean jdk21UnderUsualPlaces() throws IOException {
    for (String base : List.of("/usr/lib/jvm", "/usr/java", "/opt", "/usr/lib64/jvm")) {
      Path b = Path.of(base);
      if (!Files.isDirectory(b)) {
        continue;
      }
      try (Stream<Path> dirs = Files.list(b)) {
        for (Path d : dirs.toList()) {
          Path release = d.resolve("release");
          if (Files.isExecutable(d.resolve("bin/javac")) && Files.isReadable(release)) {
            Matcher m =
                Pattern.compile("JAVA_VERSION=\"(\\d+)")
                    .matcher(Files.readString(release, StandardCharsets.UTF_8));
            if (m.find() && Integer.parseInt(m.group(1)) >= 21) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
