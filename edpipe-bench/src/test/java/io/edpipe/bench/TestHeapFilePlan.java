package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestHeapFilePlan {
  @Test
  void plansEnoughRecordsForTheSizeWithAMargin() {
    HeapFilePlan plan = HeapFilePlan.of(5_000_000_000L, 10_000, 27_700_000);

    assertThat(plan.bytesPerRecord()).isEqualTo(2770.0);
    assertThat(plan.records()).isEqualTo((long) Math.ceil(5e9 / 2770.0 * 1.01));
    assertThat(plan.records() * plan.bytesPerRecord()).isGreaterThan(5e9);
  }

  @Test
  void refusesAnEmptyProbe() {
    assertThatThrownBy(() -> HeapFilePlan.of(1000, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot plan the heap file: target 1000 bytes, probe 10 records in 0 bytes");
  }
}
