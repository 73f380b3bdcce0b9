package dev.nichebot.app.cli;

import picocli.CommandLine.Command;

/** {@code nichebot bench ...}: the performance measurements (tables, or JSON with --json). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Performance measurements.",
    subcommands = {BenchClassifyCommand.class, BenchFashionCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
