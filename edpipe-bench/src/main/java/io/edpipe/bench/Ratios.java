package io.edpipe.bench;

import java.util.Locale;

/**
 * The bench's verdict, as the last line of its output, for scripts: each ratio is edpipe's throughput over the
 * other's, except {@code query_vs_duckdb} (edpipe's time over DuckDB's) and {@code storage_vs_json} (landed
 * bytes over raw JSON bytes).
 */
public record Ratios(
    double publishVsProducerPerf, double landVsSparkBest, double landVsDuckdb, double queryVsDuckdb, double storageVsJson) {

  /** {@code RATIOS publish_vs_producer_perf=0.00 land_vs_spark_best=0.00 ...}, two decimals each. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "RATIOS publish_vs_producer_perf=%.2f land_vs_spark_best=%.2f land_vs_duckdb=%.2f query_vs_duckdb=%.2f"
            + " storage_vs_json=%.2f",
        publishVsProducerPerf, landVsSparkBest, landVsDuckdb, queryVsDuckdb, storageVsJson);
  }

  /** {@code numerator / denominator}, 0 when the denominator is 0 (nothing measured). */
  public static double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : 0;
  }
}
