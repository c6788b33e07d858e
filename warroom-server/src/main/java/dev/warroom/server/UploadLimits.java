package dev.warroom.server;

/**
 * Size limits enforced while bytes are read, never after: a request body, an unpacked bundle in
 * total and one archive entry. A body or archive over a limit is refused with 413 as soon as the
 * limit is crossed, and what was written of it is deleted.
 *
 * @param requestBytes largest JSON or OTLP request body (webhooks, feedback, OTLP batches)
 * @param uploadBytes largest bundle upload (the packed archive)
 * @param bundleBytes largest unpacked bundle, all entries together
 * @param entryBytes largest single archive entry, unpacked
 */
public record UploadLimits(long requestBytes, long uploadBytes, long bundleBytes, long entryBytes) {
  /** 64 MiB requests, 256 MiB uploads, 2 GiB unpacked, 1 GiB per entry. */
  public static final UploadLimits DEFAULT =
      new UploadLimits(64L << 20, 256L << 20, 2L << 30, 1L << 30);

  public UploadLimits {
    for (long v : new long[] {requestBytes, uploadBytes, bundleBytes, entryBytes}) {
      if (v < 1) {
        throw new IllegalArgumentException("limits: must be >= 1 byte: " + v);
      }
    }
  }

  /** A body or archive over a limit: 413. */
  static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message);
    }
  }
}
