package dev.nichebot.app.cli;

import picocli.CommandLine.Command;

/** {@code nichebot bench ...}: the measuring commands (each prints a table, or JSON). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures performance and quality; see the subcommands.",
    subcommands = {
      BenchClassifyCommand.class,
      BenchFashionCommand.class,
      BenchCrawlCommand.class,
      BenchDedupCommand.class
    })
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
