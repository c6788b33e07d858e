package dev.warroom.store.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Iterates over the lines of a file as byte ranges, without decoding (JSON parsers take the bytes
 * directly). A line longer than {@code maxLine} bytes is not buffered: it is skipped and flagged
 * with {@link #tooLong()}, so a 10 MB line costs no 10 MB of memory. {@link #text()} decodes
 * strictly as UTF-8 (malformed bytes are an error, never replaced).
 */
final class LineReader implements Closeable {
  private final InputStream in;
  private final int maxLine;
  private final ReadContext.Counter counter;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  byte[] bytes;
  int start;
  int length;
  long lineNo;
  private boolean tooLong;

  LineReader(InputStream in, int maxLine, ReadContext.Counter counter) {
    this.in = in;
    this.maxLine = maxLine;
    this.counter = counter;
  }

  /** Advances to the next line; false at the end of the file. */
  boolean next() throws IOException {
    tooLong = false;
    lineNo++;
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          setLine(pos, i);
          pos = i + 1;
          return true;
        }
      }
      if (eof) {
        if (pos < limit) {
          setLine(pos, limit);
          pos = limit;
          return true;
        }
        return false;
      }
      if (limit - pos >= maxLine) {
        skipRestOfLine();
        return true;
      }
      fill();
    }
  }

  private void setLine(int from, int to) {
    if (to > from && buf[to - 1] == '\r') {
      to--;
    }
    bytes = buf;
    start = from;
    length = to - from;
  }

  private void skipRestOfLine() throws IOException {
    tooLong = true;
    bytes = buf;
    start = 0;
    length = 0;
    pos = limit;
    while (true) {
      if (pos >= limit) {
        if (eof) {
          return;
        }
        pos = 0;
        limit = 0;
        fill();
        continue;
      }
      if (buf[pos++] == '\n') {
        return;
      }
    }
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLine + 1024));
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
      counter.add(n);
    }
  }

  boolean tooLong() {
    return tooLong;
  }

  boolean isBlank() {
    for (int i = start; i < start + length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The line as text; ASCII takes a fast path, anything else is decoded strictly. */
  String text() throws CharacterCodingException {
    for (int i = start; i < start + length; i++) {
      if (bytes[i] < 0) {
        CharBuffer cb = decoder.reset().decode(ByteBuffer.wrap(bytes, start, length));
        return cb.toString();
      }
    }
    return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
