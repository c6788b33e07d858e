package dev.warroom.cli;

import dev.warroom.model.InvalidInputException;
import dev.warroom.model.WarroomException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** The one place where exceptions become exit codes and messages on standard error. */
final class ExitCodes {
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int USAGE = 2;
  static final int INVALID_INPUT = 3;
  static final int IO = 4;

  private ExitCodes() {}

  static CommandLine configure(CommandLine cl) {
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          var err = commandLine.getErr();
          int code = codeOf(ex);
          if (ex instanceof InvalidInputException iie) {
            for (String p : iie.problems()) {
              err.println("error: " + p);
            }
          } else if (code == INTERNAL) {
            err.println("internal error: " + ex);
            ex.printStackTrace(err);
          } else {
            err.println("error: " + ex.getMessage());
          }
          err.flush();
          return code;
        });
    cl.setExitCodeExceptionMapper(ExitCodes::codeOf);
    // An unknown command or argument is an error even beside --help (picocli skips that check when
    // help is asked for, and prints the parent's help with exit 0: a typo looked like success).
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(
        parseResult -> {
          for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (!r.unmatched().isEmpty()) {
              throw new CommandLine.UnmatchedArgumentException(
                  r.commandSpec().commandLine(), r.unmatched());
            }
          }
          return run.execute(parseResult);
        });
    return cl;
  }

  static int codeOf(Throwable ex) {
    if (ex instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    if (ex instanceof IllegalArgumentException) {
      return INVALID_INPUT;
    }
    if (ex instanceof IOException
        || ex instanceof UncheckedIOException
        || ex instanceof WarroomException.Retriable
        || ex instanceof WarroomException.NonRetriable) {
      return IO;
    }
    return INTERNAL;
  }
}
