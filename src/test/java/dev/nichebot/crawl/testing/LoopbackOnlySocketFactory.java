package dev.nichebot.crawl.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * A socket factory for tests that refuses, and records, any connection to a non-loopback address:
 * if the code under test ever tried to reach 169.254.169.254 or 10.x, the test sees it and no
 * packet leaves the machine.
 */
public final class LoopbackOnlySocketFactory extends SocketFactory {
  private final List<SocketAddress> refused = new CopyOnWriteArrayList<>();
  private final List<SocketAddress> connected = new CopyOnWriteArrayList<>();

  /** Connection attempts to non-loopback addresses (should always be empty). */
  public List<SocketAddress> refused() {
    return refused;
  }

  /** Loopback connections made. */
  public List<SocketAddress> connected() {
    return connected;
  }

  @Override
  public Socket createSocket() {
    return new GuardedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket(address, port);
  }

  private final class GuardedSocket extends Socket {
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress inet)
          || inet.getAddress() == null
          || !inet.getAddress().isLoopbackAddress()) {
        refused.add(endpoint);
        throw new IOException("test guard: refusing non-loopback connection to " + endpoint);
      }
      connected.add(endpoint);
      super.connect(endpoint, timeout);
    }
  }
}
