package dev.nichebot.app.cli;

import dev.nichebot.config.ConfigExample;
import dev.nichebot.config.LoadedConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "config",
    description = "Check the configuration and print every value with where it came from.")
public final class ConfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--example", description = "Print a documented bot.properties with the defaults.")
  boolean example;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (example) {
      out.print(ConfigExample.render());
      out.flush();
      return 0;
    }
    LoadedConfig config = CliSupport.config(spec);
    out.println(
        "configuration is valid"
            + config.file().map(f -> " (file " + f + ")").orElse(" (defaults and environment)"));
    config.describe().forEach(out::println);
    out.flush();
    return 0;
  }
}
