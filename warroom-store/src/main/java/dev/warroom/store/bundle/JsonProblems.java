package dev.warroom.store.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/** Turns Jackson's exceptions into {@code line:column: what} text without its source dump. */
final class JsonProblems {
  private JsonProblems() {}

  /** Drops Jackson's "(start marker at [Source: …; line: 1, column: 1])" noise. */
  private static String clean(String msg) {
    int nl = msg.indexOf('\n');
    String m = nl > 0 ? msg.substring(0, nl) : msg;
    return m.replaceAll(" \\(start marker at \\[Source: .*?\\]\\)", "").trim();
  }

  static String describe(IOException e) {
    if (e instanceof JsonProcessingException j) {
      JsonLocation loc = j.getLocation();
      String msg = clean(j.getOriginalMessage());
      if (loc != null && loc.getLineNr() > 0) {
        return loc.getLineNr() + ":" + loc.getColumnNr() + ": invalid JSON: " + msg;
      }
      return "invalid JSON: " + msg;
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** {@code src:line:col: what} (or {@code src: what} when the position is unknown). */
  static String at(String src, IOException e) {
    String d = describe(e);
    return Character.isDigit(d.charAt(0)) ? src + ":" + d : src + ": " + d;
  }

  /** The line of a Jackson error, or -1. */
  static int line(IOException e) {
    if (e instanceof JsonProcessingException j && j.getLocation() != null) {
      return j.getLocation().getLineNr();
    }
    return -1;
  }

  /** The message alone, first line only. */
  static String message(IOException e) {
    String msg =
        e instanceof JsonProcessingException j
            ? j.getOriginalMessage()
            : String.valueOf(e.getMessage());
    int nl = msg.indexOf('\n');
    return "invalid JSON: " + (nl > 0 ? msg.substring(0, nl) : msg);
  }
}
