package dev.nichebot.app.cli;

import dev.nichebot.config.LoadedConfig;
import dev.nichebot.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "db",
    description = "Database maintenance.",
    subcommands = {DbCommand.Migrate.class})
public final class DbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "migrate", description = "Create or upgrade the database schema, then exit.")
  public static final class Migrate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      LoadedConfig config = CliSupport.config(spec);
      try (Database db = CliSupport.database(config)) {
        spec.commandLine().getOut().println("database is up to date: " + db.describe());
      }
      return 0;
    }
  }
}
