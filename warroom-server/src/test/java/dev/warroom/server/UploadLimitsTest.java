package dev.warroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warroom.model.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 #2, #3: archive limits hold while an upload is unpacked. A zip bomb (one entry that
 * inflates to 64 MiB from 64 KiB) stops at the entry limit with at most the limit written; a tar
 * header declaring 1.9 GB is refused before its data is read (the old reader buffered the declared
 * size in memory); the client gets 413 as problem+json.
 */
class UploadLimitsTest {
  static final UploadLimits SMALL = new UploadLimits(1 << 20, 8 << 20, 4 << 20, 1 << 20);
  @TempDir Path dir;

  static byte[] zipOfZeros(long bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("bundle/logs/app.log"));
      byte[] zeros = new byte[1 << 16];
      for (long n = 0; n < bytes; n += zeros.length) {
        z.write(zeros);
      }
      z.closeEntry();
    }
    return out.toByteArray();
  }

  static byte[] tarHeader(String name, long size) {
    byte[] h = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, n.length);
    byte[] sz = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(sz, 0, h, 124, sz.length);
    h[156] = '0';
    System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
    return h;
  }

  static long bytesUnder(Path d) throws IOException {
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @Test
  void zipBombStopsAtTheEntryLimitWithAtMostTheLimitWritten() throws Exception {
    byte[] bomb = zipOfZeros(64L << 20);
    assertThat(bomb.length).isLessThan(1 << 20);
    Path out = Files.createDirectory(dir.resolve("out"));
    assertThatThrownBy(() -> BundleUploads.unpack(new ByteArrayInputStream(bomb), out, SMALL))
        .isInstanceOf(UploadLimits.TooLarge.class)
        .hasMessageContaining("app.log")
        .hasMessageContaining("over the limit of 1048576 bytes");
    assertThat(bytesUnder(out)).isLessThanOrEqualTo(1 << 20);
  }

  @Test
  void tarHeaderDeclaringAHugeEntryIsRefusedBeforeItsDataIsRead() throws Exception {
    long huge = 1_900_000_000L;
    // Only 4 KiB follow the header; a reader trusting the header would wait for, or buffer, 1.9 GB.
    InputStream tar =
        new SequenceInputStream(
            new ByteArrayInputStream(tarHeader("bundle/logs/app.log", huge)),
            new ByteArrayInputStream(new byte[4096]));
    Path out = Files.createDirectory(dir.resolve("out"));
    assertThatThrownBy(() -> BundleUploads.unpack(tar, out, UploadLimits.DEFAULT))
        .isInstanceOf(UploadLimits.TooLarge.class)
        .hasMessageContaining("declares 1900000000 bytes");
    assertThat(bytesUnder(out)).isZero();
  }

  @Test
  void tarGzEntryLargerThanItsLimitIsCutWhileStreaming() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    long size = 8L << 20;
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(tarHeader("bundle/logs/app.log", size));
      byte[] zeros = new byte[1 << 16];
      for (long n = 0; n < size; n += zeros.length) {
        z.write(zeros);
      }
      z.write(new byte[1024]);
    }
    Path out = Files.createDirectory(dir.resolve("out"));
    UploadLimits entryOnly = new UploadLimits(1 << 20, 64 << 20, 64 << 20, 16 << 20);
    UploadLimits totalOnly = new UploadLimits(1 << 20, 64 << 20, 2 << 20, 64 << 20);
    BundleUploads.unpack(new ByteArrayInputStream(gz.toByteArray()), out, entryOnly);
    assertThat(bytesUnder(out)).isEqualTo(size);
    Path out2 = Files.createDirectory(dir.resolve("out2"));
    assertThatThrownBy(
            () -> BundleUploads.unpack(new ByteArrayInputStream(gz.toByteArray()), out2, totalOnly))
        .isInstanceOf(UploadLimits.TooLarge.class);
    assertThat(bytesUnder(out2)).isZero();
  }

  @Test
  void truncatedTarIsABadRequestNotAServerError() {
    InputStream tar =
        new SequenceInputStream(
            new ByteArrayInputStream(tarHeader("bundle/a.log", 10_000)),
            new ByteArrayInputStream(new byte[100]));
    assertThatThrownBy(() -> BundleUploads.unpack(tar, dir, UploadLimits.DEFAULT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void overLimitUploadsAndBodiesGet413ProblemJson() throws Exception {
    try (TestServer t = new TestServer(TestServer.config(dir.resolve("data")).withLimits(SMALL))) {
      var bomb =
          t.send("POST", "/api/v1/bundles", TestServer.RESPONDER, zipOfZeros(64L << 20), Map.of());
      assertThat(bomb.statusCode()).isEqualTo(413);
      assertThat(bomb.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(t.parse(bomb.body()).path("detail").asText()).contains("over the limit");

      byte[] big = new byte[(1 << 20) + 10];
      java.util.Arrays.fill(big, (byte) ' ');
      var webhook = t.send("POST", "/api/v1/alerts/generic", TestServer.RESPONDER, big, Map.of());
      assertThat(webhook.statusCode()).isEqualTo(413);
      assertThat(t.parse(webhook.body()).path("status").asInt()).isEqualTo(413);
    }
  }
}
