package dev.nichebot.app.cli;

import dev.nichebot.app.Main;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.store.Database;
import picocli.CommandLine.Model.CommandSpec;

/** What most commands start with: the validated configuration and the migrated database. */
public final class CliSupport {
  private CliSupport() {}

  public static LoadedConfig config(CommandSpec spec) {
    return ((Main) spec.root().userObject()).loadConfig();
  }

  /** Opens and migrates the configured database. */
  public static Database database(LoadedConfig config) {
    Database db = Database.open(config.config().store());
    try {
      db.migrate();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }
}
