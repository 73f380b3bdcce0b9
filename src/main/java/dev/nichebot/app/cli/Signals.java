package dev.nichebot.app.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** SIGTERM / SIGINT handling that runs before the JVM's shutdown hooks. */
final class Signals {
  private Signals() {}

  static void onTermination(Runnable action) {
    AtomicBoolean once = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(
            new Signal(name),
            signal -> {
              if (once.compareAndSet(false, true)) {
                LoggerFactory.getLogger(Signals.class).info("SIG{} received", name);
                // Off the signal thread, so a long orderly shutdown does not block it.
                new Thread(action, "terminate").start();
              }
            });
      } catch (IllegalArgumentException e) {
        // The signal is not available on this platform: the shutdown hook still closes things.
      }
    }
  }
}
