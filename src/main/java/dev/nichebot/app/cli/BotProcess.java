package dev.nichebot.app.cli;

import dev.nichebot.app.Bot;
import dev.nichebot.config.BotConfig;
import dev.nichebot.config.LoadedConfig;
import dev.nichebot.store.DataDirLock;
import dev.nichebot.store.Database;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the bot in this process until SIGTERM or Ctrl-C, then stops it in order, once. */
final class BotProcess {
  private static final Logger log = LoggerFactory.getLogger(BotProcess.class);

  private BotProcess() {}

  static int runUntilStopped(LoadedConfig loaded, Consumer<Bot> whenReady) throws Exception {
    long startedAt = System.nanoTime();
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
    AtomicBoolean closing = new AtomicBoolean();
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
    whenReady.accept(bot);
    stopped.await();
    return 0;
  }
}
