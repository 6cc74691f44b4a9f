package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestRatios {
  @Test
  void printsTheOneLineScriptsRead() {
    assertThat(new Ratios(0.8249, 2.0, 1.125, 10.456, 0.3).line())
        .isEqualTo(
            "RATIOS publish_vs_producer_perf=0.82 land_vs_spark_best=2.00 land_vs_duckdb=1.13 query_vs_duckdb=10.46"
                + " storage_vs_json=0.30");
  }

  @Test
  void aRatioOverNothingIsZero() {
    assertThat(Ratios.ratio(5, 0)).isZero();
    assertThat(Ratios.ratio(3, 4)).isEqualTo(0.75);
  }
}
