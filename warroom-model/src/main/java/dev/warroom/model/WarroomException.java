package dev.warroom.model;

/**
 * The root of warroom's own unchecked exceptions. Bad user input is reported with {@link
 * InvalidInputException} (an {@link IllegalArgumentException}); failures to reach a backend with
 * {@link Retriable} or {@link NonRetriable}. The CLI and the HTTP server map these to exit codes
 * and status codes in one place each.
 */
public class WarroomException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WarroomException(String message) {
    super(message);
  }

  public WarroomException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An I/O failure that may succeed when tried again (timeout, connection reset, 503). */
  public static final class Retriable extends WarroomException {
    private static final long serialVersionUID = 1L;

    public Retriable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An I/O failure that will not go away by retrying (auth refused, missing file, 404). */
  public static final class NonRetriable extends WarroomException {
    private static final long serialVersionUID = 1L;

    public NonRetriable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
