package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestResultsReport {
  static BenchResults results(Optional<HeapFigures> heap) {
    MachineDescription machine =
        new MachineDescription(
            "AMD EPYC", 2, 24L << 30, "Debian GNU/Linux 12 (bookworm), kernel 6.1", "openjdk version \"17.0.15\"",
            80_000_000_000L, "0.10 0.20 0.30", Instant.parse("2026-12-01T21:56:30Z"), "04af12ddd912");
    return new BenchResults(
        machine,
        20_000,
        55_400_000,
        2,
        Duration.ofSeconds(540),
        new Measurement("edpipe publish", 20_000, 1.0, 20_000, 55_400_000),
        new Measurement("Kafka ProducerPerformance", 20_000, 0.8, 25_000, 55_300_000),
        20_000,
        new Measurement("edpipe land", 20_000, 2.0, 10_000, 4_600_000),
        Measurement.of("Spark best plan", 20_000, 4.0, 4_700_000),
        Measurement.of("Spark naive plan", 20_000, 8.0, 4_700_000),
        Measurement.of("DuckDB", 20_000, 2.5, 4_300_000),
        new Measurement("edpipe land, 1 core", 20_000, 3.8, 5_263, -1),
        List.of(new QuestionTiming("messages", 0.2, 0.02, true), new QuestionTiming("exams", 0.4, 0.08, false)),
        List.of(
            new TableStorage("attempts", 1, 19_749, 1_400_000),
            new TableStorage("questions", 1, 88_403, 1_200_000),
            new TableStorage("options", 1, 352_527, 2_000_000),
            new TableStorage("duplicates", 1, 251, 0),
            new TableStorage("quarantine", 0, 0, 0)),
        heap,
        List.of("question exams: Spark and DuckDB differ: row 1: [1] against [2]"));
  }

  @Test
  void rendersTheSectionForTheResultsFile() {
    HeapFigures heap =
        new HeapFigures(
            5_100_000_000L, "-Xmx512m", new Measurement("edpipe publish, -Xmx512m", 1_840_000, 60.0, 30_666, 5_090_000_000L),
            new GcLogSummary(300, 60L << 20, 300L << 20, 512L << 20));
    String section = ResultsReport.section(results(Optional.of(heap)));

    assertThat(section.lines().findFirst()).contains("## 2026-12-01 21:56 UTC: 20,000 events, commit 04af12ddd912");
    assertThat(section)
        .contains(
            "Machine: AMD EPYC, 2 CPUs, 24.0 GiB memory; Debian GNU/Linux 12 (bookworm), kernel 6.1; openjdk version"
                + " \"17.0.15\"; 80.0 GB free disk; load average at the start 0.10 0.20 0.30.")
        .contains("Run: `bench/run --events 20000`, 9.0 min wall time.")
        .contains("| publish | edpipe publish | 20,000 | 1.0 | 20,000 | 55.4 MB |")
        .contains("| land | Spark best plan | 20,000 | 4.0 | 5,000 | 4.7 MB |")
        .contains("local[1] -> local[2] = 1.90x |")
        .contains("| query | edpipe (Spark SQL) | 2 questions | 0.600 | | | warm, best of 3, sum over the questions; slowest: exams 0.400 s |")
        .contains("largest heap after a GC (live set) 63 MB, before 315 MB, 300 GC pauses |")
        .contains("| landed, all five tables | | | 4.6 MB |")
        .contains("| exams | 0.400 | 0.080 | 5.0 | NO |")
        .contains("| publish_vs_producer_perf | 0.80 | >= 0.8 | yes |")
        .contains("| land_vs_spark_best | 2.00 | >= 2.0 | yes |")
        .contains("| land_vs_duckdb | 1.25 | >= 1.2 | yes |")
        .contains("| query_vs_duckdb | 6.00 | <= 10 | yes |")
        .contains("| landing local[1] -> local[2] | 1.90 | >= 1.8 | yes |")
        .contains("| publish of a 5.10 GB array in -Xmx512m | exit 0 | 5 GB within 512 MB | yes |")
        .contains("- question exams: Spark and DuckDB differ: row 1: [1] against [2]")
        .endsWith(
            "```\nRATIOS publish_vs_producer_perf=0.80 land_vs_spark_best=2.00 land_vs_duckdb=1.25 query_vs_duckdb=6.00"
                + " storage_vs_json=0.08\n```\n");
  }

  @Test
  void theConsoleBodyLeavesTheRatiosLineToTheEnd() {
    String body = ResultsReport.body(results(Optional.empty()));

    assertThat(body).doesNotContain("RATIOS").contains("| heap | edpipe publish | | | | | skipped (--heap-file-gb 0) |");
    assertThat(body).contains("| publish of a 5 GB array in 512 MB | skipped | 5 GB within 512 MB | - |");
  }
}
