package dev.warroom.server;

import dev.warroom.model.InvalidInputException;
import dev.warroom.store.bundle.AlertParser;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code POST /api/v1/bundles}: a bundle folder (docs/bundles.md) packed as zip, tar or tar.gz is
 * unpacked to a temporary folder, loaded into the server's telemetry store (all or nothing), and
 * its alert, when it has one, opens an incident like a webhook would.
 */
final class BundleUploads {
  private static final long MAX_BYTES = 2L << 30;

  private final DuckDbStore store;
  private final AlertIntake intake;

  BundleUploads(DuckDbStore store, AlertIntake intake) {
    this.store = store;
    this.intake = intake;
  }

  Map<String, Object> upload(byte[] body, String contentType) {
    if (body.length == 0) {
      throw new InvalidInputException("body: empty; expected a zip, tar or tar.gz bundle");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("warroom-upload");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      unpack(body, dir);
      Path root = bundleRoot(dir);
      // One transaction: no investigation reads a half-loaded bundle.
      DuckDbStore.LoadStats stats = store.ingest(root, (file, done, total) -> {});
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("points", stats.points());
      out.put("logRecords", stats.logRecords());
      out.put("spans", stats.spans());
      Path alert = root.resolve("alert.json");
      if (Files.isRegularFile(alert)) {
        AlertIntake.Outcome o =
            intake.record(AlertParser.parse(Files.readAllBytes(alert), "bundle:alert.json"));
        out.put("incident", o.incidentId());
        out.put("created", o.created());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  /** The folder holding alert.json or manifest.json: the upload root or its one sub-folder. */
  private static Path bundleRoot(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      var entries = s.toList();
      if (entries.size() == 1 && Files.isDirectory(entries.getFirst())) {
        return entries.getFirst();
      }
    }
    return dir;
  }

  private static void unpack(byte[] body, Path dir) throws IOException {
    if (body.length > 4 && body[0] == 'P' && body[1] == 'K') {
      unzip(body, dir);
    } else if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
      untar(new GZIPInputStream(new ByteArrayInputStream(body)), dir);
    } else if (body.length >= 512
        && new String(body, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
      untar(new ByteArrayInputStream(body), dir);
    } else {
      throw new InvalidInputException("body: not a zip, tar or tar.gz archive");
    }
  }

  private static void unzip(byte[] body, Path dir) throws IOException {
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(body))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = safe(dir, e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          total += Files.copy(in, target);
          limit(total);
        }
      }
    }
  }

  /** POSIX ustar: 512-byte headers, name at 0 (100 bytes) + prefix at 345, octal size at 124. */
  private static void untar(InputStream in, Path dir) throws IOException {
    long total = 0;
    byte[] header = new byte[512];
    while (in.readNBytes(header, 0, 512) == 512) {
      if (header[0] == 0) {
        break; // the two zero blocks that end the archive
      }
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      long size =
          Long.parseLong(
              field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
      char type = (char) header[156];
      long padded = (size + 511) / 512 * 512;
      Path target = safe(dir, name);
      if (type == '5') {
        Files.createDirectories(target);
      } else if (type == '0' || type == 0) {
        Files.createDirectories(target.getParent());
        Files.write(target, in.readNBytes((int) size));
        in.skipNBytes(padded - size);
        total += size;
        limit(total);
      } else {
        in.skipNBytes(padded); // links, pax headers: not part of a bundle
      }
    }
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static void limit(long total) {
    if (total > MAX_BYTES) {
      throw new InvalidInputException("body: unpacked bundle exceeds " + MAX_BYTES + " bytes");
    }
  }

  /** Refuses entries that would land outside the folder ("zip slip"). */
  private static Path safe(Path dir, String name) {
    Path p = dir.resolve(name).normalize();
    if (!p.startsWith(dir)) {
      throw new InvalidInputException("body: archive entry outside the bundle: " + name);
    }
    return p;
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
