package dev.nichebot.review.discord;

import java.time.Duration;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA's default session controller, pointed at the configured gateway. A single (unsharded) JDA
 * asks only {@link #getGateway()} and never calls {@code /gateway/bot}, so this is all it takes to
 * run against another gateway.
 *
 * <p>Discord allows one IDENTIFY per 5 seconds, which JDA's controller enforces by waiting; a local
 * gateway (a test fake) has no such limit, so it can be given a shorter wait.
 */
final class GatewaySessionController extends SessionControllerAdapter {
  private final String gatewayUrl;
  private final long identifyDelayMillis;

  GatewaySessionController(String gatewayUrl, Duration identifyDelay) {
    this.gatewayUrl = gatewayUrl;
    this.identifyDelayMillis = identifyDelay.toMillis();
  }

  @Override
  public String getGateway() {
    return gatewayUrl;
  }

  @Override
  protected void runWorker() {
    synchronized (lock) {
      if (workerHandle == null) {
        workerHandle = new QueueWorker(identifyDelayMillis);
        workerHandle.start();
      }
    }
  }
}
