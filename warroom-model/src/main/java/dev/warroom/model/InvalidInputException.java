package dev.warroom.model;

import java.util.List;

/**
 * Input a user sent is wrong. Holds every problem found, each a message a user can act on, in the
 * form {@code path:line: what is wrong} (or {@code path#/json/pointer: ...}, or {@code field: ...}
 * for API parameters). The first problem is the exception's message.
 */
public class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public InvalidInputException(List<String> problems) {
    super(summarise(problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }

  private static String summarise(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems given");
    }
    return problems.size() == 1
        ? problems.get(0)
        : problems.get(0) + " (and " + (problems.size() - 1) + " more)";
  }
}
