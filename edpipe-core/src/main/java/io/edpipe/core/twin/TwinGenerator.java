package io.edpipe.core.twin;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Generates the statistical twin of {@value PublishedFigures#FILE_NAME} from the exam catalog on the classpath.
 *
 * <p>With the published record count the twin is exact: every figure of {@link PublishedFigures} and every row of
 * {@link ExamCatalog} is reproduced, for any seed. Other counts stream records sampled from that exact plan with
 * fresh ids, in constant memory. The same config always gives the same bytes.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(path)) {
 *   TwinGenerator.create(TwinConfig.defaults()).writeTo(out);
 * }
 * }</pre>
 */
public final class TwinGenerator {
  private static final byte[] ARRAY_START = "[\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ARRAY_SEPARATOR = ",\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ARRAY_END = "\n]\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LINE_END = "\n".getBytes(StandardCharsets.UTF_8);

  /** Mixed into the seed for the record order, so it does not replay the planning draws. */
  private static final long ORDER_SEED_SALT = 0x5DEECE66DL;

  private final TwinConfig config;
  private final TwinPlan plan;
  private final AttemptSimulator simulator;

  private TwinGenerator(TwinConfig config, TwinPlan plan) {
    this.config = requireNonNull(config, "config is null");
    this.plan = requireNonNull(plan, "plan is null");
    this.simulator = new AttemptSimulator(plan.catalog(), plan.banks());
  }

  /** Plans the twin (a few milliseconds); records are generated when written or streamed. */
  public static TwinGenerator create(TwinConfig config) {
    requireNonNull(config, "config is null");
    return new TwinGenerator(config, TwinPlanner.plan(ExamCatalog.load(), config.seed()));
  }

  public TwinConfig config() {
    return config;
  }

  /**
   * Writes all records in the config's format; flushes but does not close {@code out}.
   *
   * @return the records written
   */
  public long writeTo(OutputStream out) {
    return writeSpread(List.of(requireNonNull(out, "out is null")))[0];
  }

  /**
   * Writes the records spread over {@code outs} by exam, each a file of the config's format: the exam at index
   * {@code i} of the catalog goes to {@code outs.get(i % outs.size())}, with all its attempts and their duplicates.
   * For twins of several customers, each with exams of its own. Flushes but does not close the streams.
   *
   * @return the records written to each stream
   */
  public long[] writeSpread(List<OutputStream> outs) {
    requireNonNull(outs, "outs is null");
    if (outs.isEmpty()) {
      throw new IllegalArgumentException("outs is empty");
    }
    RecordWriter writer = new RecordWriter();
    List<Output> outputs = outs.stream().map(Output::new).toList();
    long written = 0;
    try {
      for (Output output : outputs) {
        output.start();
      }
      for (Iterator<AttemptPlan> order = order(); order.hasNext(); ) {
        AttemptPlan next = order.next();
        outputs.get(next.examIndex() % outputs.size()).add(simulator.simulate(next), writer);
        written++;
      }
      for (Output output : outputs) {
        output.finish();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write twin record " + (written + 1), e);
    }
    return outputs.stream().mapToLong(output -> output.written).toArray();
  }

  /** One file of records being written. */
  private final class Output {
    private final BufferedOutputStream buffered;
    private long written;

    Output(OutputStream out) {
      this.buffered = new BufferedOutputStream(requireNonNull(out, "out is null"), 1 << 16);
    }

    void start() throws IOException {
      if (config.format() == TwinFormat.ARRAY) {
        buffered.write(ARRAY_START);
      }
    }

    void add(SimulatedAttempt attempt, RecordWriter writer) throws IOException {
      switch (config.format()) {
        case ARRAY -> {
          if (written > 0) {
            buffered.write(ARRAY_SEPARATOR);
          }
          writer.write(attempt, buffered);
        }
        case JSONL -> {
          writer.write(attempt, buffered);
          buffered.write(LINE_END);
        }
      }
      written++;
    }

    void finish() throws IOException {
      if (config.format() == TwinFormat.ARRAY) {
        buffered.write(ARRAY_END);
      }
      buffered.flush();
    }
  }

  /**
   * The records as JSON texts (one per element, no separators), generated lazily in file order; each call starts
   * over and returns the same records. For publishing without a file.
   */
  public Stream<String> records() {
    RecordWriter writer = new RecordWriter();
    Iterator<AttemptPlan> order = order();
    Iterator<String> texts =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return order.hasNext();
          }

          @Override
          public String next() {
            return writer.toJson(simulator.simulate(order.next()));
          }
        };
    int characteristics = Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED;
    return StreamSupport.stream(Spliterators.spliterator(texts, config.records(), characteristics), false);
  }

  private Iterator<AttemptPlan> order() {
    SplittableRandom random = new SplittableRandom(config.seed() ^ ORDER_SEED_SALT);
    if (config.isExact()) {
      return new ExactRecordOrder(plan.attempts(), random);
    }
    return new SampledRecordOrder(plan.attempts(), config.records(), random);
  }
}
