package dev.warroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warroom eval …}: benchmarks and scorers on public datasets and gym suites. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Measures warroom's accuracy on public benchmarks.",
    footer = {"", "Example:", "  warroom eval logparse --data ../shared/datasets/loghub-2k"},
    subcommands = {
      CommandLine.HelpCommand.class,
      EvalNabCommand.class,
      EvalBundlesCommand.class,
      EvalLogParseCommand.class,
      EvalPetShopCommand.class,
      EvalRouterCommand.class,
      EvalCodeFaultsCommand.class,
      EvalDbFaultsCommand.class,
      EvalLiveParityCommand.class,
      EvalScoreboardCommand.class
    })
final class EvalCommand {}
