package dev.nichebot.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    description = "Run the bot: every stage on its schedule, until stopped (SIGTERM or Ctrl-C).")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return BotProcess.runUntilStopped(CliSupport.config(spec), bot -> {});
  }
}
