package dev.nichebot.app.bench;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections: good to a few hundred kilobytes, enough for megabytes. */
public final class Heap {
  private Heap() {}

  public static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
