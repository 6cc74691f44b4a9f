package io.edpipe.cli.stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a stack's nodes to keep: bound again at every start of the home's stack, and again when a killed
 * node restarts. They come from below the system's ephemeral range: a port found by binding port 0 is ephemeral, and
 * while its node is down any outgoing connection may take it (ClusterIT saw a restarted broker find its controller
 * port taken).
 */
public final class KeptPorts {
  private static final int LOWEST = 20_000;
  private static final int ATTEMPTS = 200;
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private KeptPorts() {}

  /** A port free now, below the ephemeral range, not one of {@code kept} (kept for a node that is stopped). */
  public static int free(Collection<?> kept) {
    int below = ephemeralLow();
    if (below - LOWEST < 1_000) {
      return ephemeral(kept);
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
      if (!kept.contains(port) && !kept.contains(String.valueOf(port)) && bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("Cannot find a free port between " + LOWEST + " and " + below + " in " + ATTEMPTS + " tries");
  }

  /**
   * The lowest ephemeral port (Linux: the first number of ip_local_port_range; elsewhere 32768). Read as lines:
   * {@code Files.readString} returns one byte of this file, whose size says 0.
   */
  static int ephemeralLow() {
    try {
      return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeral(Collection<?> kept) {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        int port = socket.getLocalPort();
        if (!kept.contains(port) && !kept.contains(String.valueOf(port))) {
          return port;
        }
      } catch (IOException e) {
        throw new IllegalStateException("Cannot find a free port", e);
      }
    }
    throw new IllegalStateException("Cannot find a free port that is not kept already: " + kept);
  }
}
