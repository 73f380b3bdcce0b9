package dev.nichebot.app.cli;

import dev.nichebot.app.Bot;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.store.DataDirLock;
import dev.nichebot.store.Database;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    description = "Run the bot: every stage on its schedule, until stopped (SIGTERM or Ctrl-C).")
public final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long startedAt = System.nanoTime();
    LoadedConfig loaded = CliSupport.config(spec);
    BotConfig config = loaded.config();
    Database db = Database.open(config.store());
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(config.dataDir());
    } catch (Exception e) {
      db.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Bot bot;
    try {
      db.migrate();
      bot = Bot.create(config, db, Clock.systemUTC());
      bot.start();
    } catch (Exception e) {
      db.close();
      lock.close();
      throw e;
    }
    java.util.concurrent.atomic.AtomicBoolean closing =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable shutdown =
        () -> {
          if (!closing.compareAndSet(false, true)) {
            return;
          }
          try {
            bot.close();
            db.close();
            lock.close();
          } catch (Exception e) {
            log.warn("shutdown: {}", e.toString());
          } finally {
            stopped.countDown();
          }
        };
    // SIGTERM and Ctrl-C are handled before the JVM's shutdown hooks run, so the job under way can
    // finish while the database (whose own hook would close it) is still open.
    Signals.onTermination(
        () -> {
          shutdown.run();
          System.exit(0);
        });
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "shutdown"));
    log.info("ready in {} ms", (System.nanoTime() - startedAt) / 1_000_000);
    stopped.await();
    return 0;
  }
}
