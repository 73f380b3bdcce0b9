package dev.nichebot.crawl.download;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Politeness per host: at most {@code perHost} requests in flight to one host, and request starts
 * to one host spaced at least {@code delay} apart. Idle hosts are forgotten so a long crawl over
 * many hosts does not grow the map forever.
 */
final class HostThrottle {
  private static final int SWEEP_ABOVE = 1024;

  private final int perHost;
  private final long delayNanos;
  private final LongSupplier clock;
  private final Map<String, HostState> hosts = new HashMap<>();

  HostThrottle(int perHost, Duration delay) {
    this(perHost, delay, System::nanoTime);
  }

  HostThrottle(int perHost, Duration delay, LongSupplier clock) {
    this.perHost = perHost;
    this.delayNanos = delay.toNanos();
    this.clock = clock;
  }

  /** Waits for a slot for this host; close the permit when the response body is consumed. */
  Permit acquire(String host) throws InterruptedException {
    HostState state;
    long waitNanos;
    synchronized (this) {
      state = hosts.computeIfAbsent(host, h -> new HostState());
      while (state.inFlight >= perHost) {
        wait();
      }
      state.inFlight++;
      long now = clock.getAsLong();
      long start = Math.max(now, state.nextStart);
      state.nextStart = start + delayNanos;
      waitNanos = start - now;
    }
    if (waitNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(waitNanos);
      } catch (InterruptedException e) {
        release(state);
        throw e;
      }
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        release(state);
      }
    };
  }

  synchronized int trackedHosts() {
    return hosts.size();
  }

  private synchronized void release(HostState state) {
    state.inFlight--;
    notifyAll();
    if (hosts.size() > SWEEP_ABOVE) {
      long now = clock.getAsLong();
      for (Iterator<HostState> it = hosts.values().iterator(); it.hasNext(); ) {
        HostState s = it.next();
        if (s.inFlight == 0 && s.nextStart <= now) {
          it.remove();
        }
      }
    }
  }

  /** A held slot for one host. */
  interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private static final class HostState {
    int inFlight;
    long nextStart = Long.MIN_VALUE / 2;
  }
}
