package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every figure of one run.
 *
 * @param payloads how many distinct events ProducerPerformance picked its payloads from
 * @param land edpipe's landing on every core; its bytes are the landed tables'
 * @param landOneCore the same landing on one core, into a fresh warehouse
 */
public record BenchResults(
    MachineDescription machine,
    long events,
    long rawJsonBytes,
    int cores,
    Duration wall,
    Measurement publish,
    Measurement producerPerformance,
    long payloads,
    Measurement land,
    Measurement sparkBest,
    Measurement sparkNaive,
    Measurement duckdb,
    Measurement landOneCore,
    List<QuestionTiming> questions,
    List<TableStorage> tables,
    Optional<HeapFigures> heap,
    List<String> warnings) {
  public BenchResults {
    requireNonNull(machine, "machine is null");
    requireNonNull(wall, "wall is null");
    requireNonNull(publish, "publish is null");
    requireNonNull(producerPerformance, "producerPerformance is null");
    requireNonNull(land, "land is null");
    requireNonNull(sparkBest, "sparkBest is null");
    requireNonNull(sparkNaive, "sparkNaive is null");
    requireNonNull(duckdb, "duckdb is null");
    requireNonNull(landOneCore, "landOneCore is null");
    questions = List.copyOf(questions);
    tables = List.copyOf(tables);
    requireNonNull(heap, "heap is null");
    warnings = List.copyOf(warnings);
  }

  public Ratios ratios() {
    return new Ratios(
        Ratios.ratio(publish.messagesPerSecond(), producerPerformance.messagesPerSecond()),
        Ratios.ratio(land.messagesPerSecond(), sparkBest.messagesPerSecond()),
        Ratios.ratio(land.messagesPerSecond(), duckdb.messagesPerSecond()),
        Ratios.ratio(sparkQuerySeconds(), duckdbQuerySeconds()),
        Ratios.ratio(landedBytes(), rawJsonBytes));
  }

  /** The data files of every landed table. */
  public long landedBytes() {
    return tables.stream().mapToLong(TableStorage::bytes).sum();
  }

  /** edpipe's landing rate on every core over its rate on one. */
  public double scaling() {
    return Ratios.ratio(land.messagesPerSecond(), landOneCore.messagesPerSecond());
  }

  public double sparkQuerySeconds() {
    return questions.stream().mapToDouble(QuestionTiming::sparkSeconds).sum();
  }

  public double duckdbQuerySeconds() {
    return questions.stream().mapToDouble(QuestionTiming::duckdbSeconds).sum();
  }

  public Optional<QuestionTiming> slowestSparkQuestion() {
    return questions.stream().max(Comparator.comparingDouble(QuestionTiming::sparkSeconds));
  }
}
