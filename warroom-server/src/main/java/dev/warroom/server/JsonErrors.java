package dev.warroom.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/** Where a JSON document broke, for a client: line and column, never the parser's own message. */
final class JsonErrors {
  private JsonErrors() {}

  /** {@code " at line 3, column 7"}, or empty when the parser gave no location. */
  static String where(IOException e) {
    if (e instanceof JsonProcessingException j) {
      JsonLocation l = j.getLocation();
      if (l != null && l.getLineNr() > 0) {
        return " at line " + l.getLineNr() + ", column " + l.getColumnNr();
      }
    }
    return "";
  }
}
