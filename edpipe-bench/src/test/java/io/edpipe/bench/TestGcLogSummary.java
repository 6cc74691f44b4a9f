package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestGcLogSummary {
  @Test
  void readsTheLargestHeapBeforeAndAfterThePauses() {
    GcLogSummary summary =
        GcLogSummary.parse(
            List.of(
                "[0.006s][info][gc] Using G1",
                "[0.412s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->3M(512M) 2.511ms",
                "[1.020s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 301M->40M(512M) 6.1ms",
                "[1.021s][info][gc] GC(2) Concurrent Mark Cycle",
                "[1.050s][info][gc] GC(2) Pause Remark 60M->60M(512M) 1.2ms",
                "[1.060s][info][gc] GC(2) Concurrent Mark Cycle 39.000ms",
                "[9.000s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 1G->200M(1G) 80.0ms",
                "[9.500s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 512K->256K(512M) 0.5ms"));

    assertThat(summary.pauses()).isEqualTo(5);
    assertThat(summary.maxBeforeBytes()).isEqualTo(1L << 30);
    assertThat(summary.maxAfterBytes()).isEqualTo(200L << 20);
    assertThat(summary.maxCommittedBytes()).isEqualTo(1L << 30);
  }

  @Test
  void refusesALogWithoutPauses() {
    assertThatThrownBy(() -> GcLogSummary.parse(List.of("[0.006s][info][gc] Using G1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot read the GC log: no pause lines (before->after(committed))");
  }
}
