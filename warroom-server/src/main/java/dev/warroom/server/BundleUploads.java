package dev.warroom.server;

import dev.warroom.model.InvalidInputException;
import dev.warroom.store.bundle.AlertParser;
import dev.warroom.store.duckdb.DuckDbStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final DuckDbStore store;
  private final AlertIntake intake;
  private final UploadLimits limits;

  /** Content hashes ({@link #contentHash}) of the bundles loaded, one per line. */
  private final Path loadedFile;

  private final java.util.Set<String> loaded = java.util.concurrent.ConcurrentHashMap.newKeySet();

  BundleUploads(DuckDbStore store, AlertIntake intake, UploadLimits limits, Path dataDir) {
    this.store = store;
    this.intake = intake;
    this.limits = limits;
    this.loadedFile = dataDir.resolve("uploads.sha256");
    try {
      if (Files.isRegularFile(loadedFile)) {
        loaded.addAll(Files.readAllLines(loadedFile, StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + loadedFile, e);
    }
  }

  /** Unpacks the request body as it is read (never held whole), loads it, opens its incident. */
  Map<String, Object> upload(InputStream body) {
    Path dir;
    try {
      dir = Files.createTempDirectory("warroom-upload");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      unpack(new LimitedInputStream(body, limits.uploadBytes(), "body"), dir, limits);
      Path root = bundleRoot(dir);
      String hash = contentHash(root);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("sha256", hash);
      // The same archive again (a retried upload) is not loaded twice; its alert is still looked
      // up, so the answer names the incident.
      synchronized (this) {
        if (loaded.contains(hash)) {
          out.put("duplicate", true);
          out.put("points", 0L);
          out.put("logRecords", 0L);
          out.put("spans", 0L);
        } else {
          // One transaction: no investigation reads a half-loaded bundle.
          DuckDbStore.LoadStats stats = store.ingest(root, (file, done, total) -> {});
          Files.writeString(
              loadedFile,
              hash + "\n",
              StandardCharsets.US_ASCII,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
          loaded.add(hash);
          out.put("duplicate", false);
          out.put("points", stats.points());
          out.put("logRecords", stats.logRecords());
          out.put("spans", stats.spans());
        }
      }
      Path alert = root.resolve("alert.json");
      if (Files.isRegularFile(alert)) {
        AlertIntake.Outcome o =
            intake.record(
                AlertParser.parse(Files.readAllBytes(alert), "bundle:alert.json"), declared(root));
        out.put("incident", o.incidentId());
        out.put("created", o.created());
      }
      return out;
    } catch (IOException e) {
      throw new InvalidInputException("body: unreadable archive: " + firstLine(e));
    } finally {
      delete(dir);
    }
  }

  /**
   * The windows the bundle's manifest declares (read after the bundle was validated by loading).
   */
  private static SharedStore.Declared declared(Path root) throws IOException {
    Path manifest = root.resolve("manifest.json");
    if (!Files.isRegularFile(manifest)) {
      return SharedStore.Declared.NONE;
    }
    return SharedStore.Declared.of(
        dev.warroom.store.bundle.ModelJson.manifestFromJson(
            dev.warroom.store.bundle.ModelJson.mapper().readTree(manifest.toFile())));
  }

  /**
   * SHA-256 over the unpacked files (relative path, size, bytes, in path order): the same bundle
   * packed again, with other archive timestamps or another format, has the same hash.
   */
  static String contentHash(Path root) throws IOException {
    java.security.MessageDigest sha = sha256();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    byte[] buf = new byte[1 << 16];
    for (Path f : files) {
      sha.update(root.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) 0);
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
        }
      }
    }
    return java.util.HexFormat.of().formatHex(sha.digest());
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(IOException e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
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

  /**
   * Unpacks a zip, tar or tar.gz stream into {@code dir}, enforcing the entry and total limits on
   * the bytes as they are written: an entry is cut at its limit and the upload refused ({@link
   * UploadLimits.TooLarge}); the caller deletes {@code dir}.
   */
  static void unpack(InputStream raw, Path dir, UploadLimits limits) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(512);
    byte[] head = in.readNBytes(512);
    in.reset();
    if (head.length == 0) {
      throw new InvalidInputException("body: empty; expected a zip, tar or tar.gz bundle");
    }
    Budget budget = new Budget(limits);
    if (head.length > 4 && head[0] == 'P' && head[1] == 'K') {
      unzip(in, dir, budget);
    } else if (head.length > 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      untar(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16), dir, budget);
    } else if (head.length >= 512
        && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
      untar(in, dir, budget);
    } else {
      throw new InvalidInputException("body: not a zip, tar or tar.gz archive");
    }
  }

  /** Bytes written so far against the limits. */
  private static final class Budget {
    final UploadLimits limits;
    long total;

    Budget(UploadLimits limits) {
      this.limits = limits;
    }

    /** Copies one entry, stopping as soon as it or the bundle crosses a limit. */
    void copy(InputStream in, Path target, String name) throws IOException {
      byte[] buf = new byte[1 << 16];
      long entry = 0;
      try (OutputStream out = Files.newOutputStream(target)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          entry += n;
          total += n;
          if (entry > limits.entryBytes()) {
            throw new UploadLimits.TooLarge(
                "body: archive entry "
                    + Names.quoted(name)
                    + " over the limit of "
                    + limits.entryBytes()
                    + " bytes unpacked");
          }
          if (total > limits.bundleBytes()) {
            throw new UploadLimits.TooLarge(
                "body: unpacked bundle over the limit of " + limits.bundleBytes() + " bytes");
          }
          out.write(buf, 0, n);
        }
      }
    }

    /** Refuses before reading an entry whose declared size is already over a limit. */
    void declared(long size, String name) {
      if (size > limits.entryBytes() || total + size > limits.bundleBytes()) {
        throw new UploadLimits.TooLarge(
            "body: archive entry "
                + Names.quoted(name)
                + " declares "
                + size
                + " bytes, over the limit of "
                + Math.min(limits.entryBytes(), limits.bundleBytes())
                + " bytes");
      }
    }
  }

  private static void unzip(InputStream body, Path dir, Budget budget) throws IOException {
    ZipInputStream in = new ZipInputStream(body);
    for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
      Path target = safe(dir, e.getName());
      if (e.isDirectory()) {
        Files.createDirectories(target);
      } else {
        if (e.getSize() >= 0) {
          budget.declared(e.getSize(), e.getName());
        }
        Files.createDirectories(target.getParent());
        budget.copy(in, target, e.getName());
      }
    }
  }

  /** POSIX ustar: 512-byte headers, name at 0 (100 bytes) + prefix at 345, octal size at 124. */
  private static void untar(InputStream in, Path dir, Budget budget) throws IOException {
    byte[] header = new byte[512];
    while (true) {
      int got = in.readNBytes(header, 0, 512);
      if (got == 0) {
        break;
      }
      if (got < 512) {
        throw new InvalidInputException("body: truncated tar header");
      }
      if (header[0] == 0) {
        break; // the two zero blocks that end the archive
      }
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      long size = octal(header, name);
      char type = (char) header[156];
      long padded = (size + 511) / 512 * 512;
      Path target = safe(dir, name);
      if (type == '5') {
        Files.createDirectories(target);
      } else if (type == '0' || type == 0) {
        budget.declared(size, name);
        Files.createDirectories(target.getParent());
        EntryStream entry = new EntryStream(in, size);
        budget.copy(entry, target, name);
        if (entry.left > 0) {
          throw new InvalidInputException("body: tar entry " + Names.quoted(name) + " truncated");
        }
        skip(in, padded - size, name);
      } else {
        skip(in, padded, name); // links, pax headers: not part of a bundle
      }
    }
  }

  /** The {@code size} bytes of one tar entry: end of stream after them. */
  private static final class EntryStream extends java.io.FilterInputStream {
    private long left;

    EntryStream(InputStream in, long size) {
      super(in);
      this.left = size;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public void close() {}
  }

  private static void skip(InputStream in, long n, String name) throws IOException {
    try {
      in.skipNBytes(n);
    } catch (java.io.EOFException e) {
      throw new InvalidInputException("body: tar entry " + Names.quoted(name) + " truncated");
    }
  }

  private static long octal(byte[] header, String name) {
    String text = field(header, 124, 12).trim();
    if (text.isEmpty()) {
      return 0;
    }
    if (!text.matches("[0-7]{1,11}")) {
      throw new InvalidInputException(
          "body: tar entry " + Names.quoted(name) + ": size field is not an octal number");
    }
    return Long.parseLong(text, 8);
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  /** Refuses entries that would land outside the folder ("zip slip"). */
  private static Path safe(Path dir, String name) {
    Path p;
    try {
      p = dir.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidInputException(
          "body: archive entry with an invalid name: " + Names.quoted(name));
    }
    if (!p.startsWith(dir) || p.equals(dir)) {
      throw new InvalidInputException(
          "body: archive entry outside the bundle: " + Names.quoted(name));
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
