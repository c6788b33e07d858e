package dev.warroom.server;

import java.util.Locale;

/**
 * What an API token may do. Roles are ordered: a responder may do all a viewer may, an admin all a
 * responder may.
 */
public enum Role implements io.javalin.security.RouteRole {
  /** Reads incidents, reports and metrics. */
  VIEWER,
  /** Also posts alerts, uploads bundles and gives feedback. */
  RESPONDER,
  /** Everything, including administrative routes. */
  ADMIN;

  /** True when this role includes {@code required}. */
  public boolean allows(Role required) {
    return ordinal() >= required.ordinal();
  }

  /** Parses {@code viewer|responder|admin}; the message names {@code field}. */
  public static Role parse(String text, String field) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          field + ": unknown role '" + text + "' (expected viewer, responder or admin)");
    }
  }
}
