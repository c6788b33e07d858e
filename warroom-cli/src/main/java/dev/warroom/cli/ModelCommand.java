package dev.warroom.cli;

import dev.warroom.engine.director.ModelDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warroom model list | use VERSION | rollback}: the versions of the learned fusion. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = {
      "The versions of the learned fusion model in the model directory ('warroom learn' adds"
          + " them): which exist, which one investigations rank with, and going back."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      ModelCommand.ListVersions.class,
      ModelCommand.Use.class,
      ModelCommand.Rollback.class
    })
final class ModelCommand {
  /** The model directory option of every subcommand. */
  static final class Where {
    @Option(
        names = "--models",
        paramLabel = "DIR",
        description = "Model directory (default: $WARROOM_MODELS or ~/.warroom/models).")
    Path models;

    ModelDirectory directory() {
      return models == null ? ModelDirectory.defaultLocation() : ModelDirectory.at(models);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the versions.")
  static final class ListVersions implements Callable<Integer> {
    @Spec CommandSpec spec;
    @CommandLine.Mixin Where where;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      ModelDirectory d = where.directory();
      boolean shipped = d.active().isEmpty();
      o.printf("%s %-8s %s%n", shipped ? "*" : " ", ModelDirectory.SHIPPED, "the model in the jar");
      for (ModelDirectory.Version v : d.list()) {
        o.printf("%s %-8s %s%n", v.active() ? "*" : " ", v.name(), v.trainedOn());
      }
      o.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "use",
      mixinStandardHelpOptions = true,
      description = "Makes a version (or 'shipped') the one investigations rank with.")
  static final class Use implements Callable<Integer> {
    @Spec CommandSpec spec;
    @CommandLine.Mixin Where where;

    @Parameters(index = "0", paramLabel = "VERSION")
    String version;

    @Override
    public Integer call() throws Exception {
      where.directory().use(version);
      spec.commandLine().getOut().println("active model: " + version);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Makes the version active before the current one active again.")
  static final class Rollback implements Callable<Integer> {
    @Spec CommandSpec spec;
    @CommandLine.Mixin Where where;

    @Override
    public Integer call() throws Exception {
      String v = where.directory().rollback();
      spec.commandLine().getOut().println("active model: " + v);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
