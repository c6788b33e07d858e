package dev.warroom.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code max} bytes through; reading one more throws {@link UploadLimits.TooLarge}
 * naming {@code what}, so a limit holds while a stream is read whatever a header declared.
 */
final class LimitedInputStream extends FilterInputStream {
  private final long max;
  private final String what;
  private long count;

  LimitedInputStream(InputStream in, long max, String what) {
    super(in);
    this.max = max;
    this.what = what;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    // Ask for one byte more than allowed at most, so crossing the limit is seen at once.
    int n = super.read(buf, off, (int) Math.min(len, max - count + 1));
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(Math.min(n, max - count + 1));
    add(s);
    return s;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void add(long n) {
    count += n;
    if (count > max) {
      throw new UploadLimits.TooLarge(what + ": over the limit of " + max + " bytes");
    }
  }
}
