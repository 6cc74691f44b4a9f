package io.edpipe.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestKeptPorts {
  @Test
  void portsAreFreeBelowTheEphemeralRangeAndNotKeptAlready() throws IOException {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int port = KeptPorts.free(kept);
      assertThat(port).isBetween(20_000, KeptPorts.ephemeralLow() - 1).isNotIn(kept);
      kept.add(port);
    }
    try (ServerSocket socket = new ServerSocket(kept.get(0))) {
      assertThat(socket.getLocalPort()).isEqualTo(kept.get(0));
    }
  }
}
