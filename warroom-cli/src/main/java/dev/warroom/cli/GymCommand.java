package dev.warroom.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warroom gym …}: the Otrashi chaos gym (docs/gym.md). */
@Command(
    name = "gym",
    mixinStandardHelpOptions = true,
    description = "Otrashi, the chaos gym: generates labelled incident bundles with ground truth.",
    footer = {
      "",
      "Examples:",
      "  warroom gym list",
      "  warroom gym run --topology shop --fault memory_leak --seed 42 --out bundles/leak-42",
      "  warroom gym suite --seeds 1000..1499 --out suite"
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      GymListCommand.class,
      GymRunCommand.class,
      GymSuiteCommand.class,
      GymBenchCommand.class,
      GymEvalCommand.class,
      GymCalibrateCommand.class,
      GymTrainCommand.class,
    })
final class GymCommand {
  /** Parses 30s, 15m, 1h, 4d (or an ISO-8601 duration such as PT1H). */
  static Duration duration(String text, String option) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          option + ": invalid duration '" + text + "' (use e.g. 30m, 1h, 4d)");
    }
  }
}
