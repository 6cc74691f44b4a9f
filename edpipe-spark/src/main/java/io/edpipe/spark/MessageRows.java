package io.edpipe.spark;

import io.edpipe.core.parse.Attempt;
import io.edpipe.core.parse.AttemptParser;
import io.edpipe.core.parse.ParseOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Turns one Kafka message into one row of {@link ParsedMessageSchema#MESSAGE}, parsing it exactly once. */
final class MessageRows {
  private final AttemptParser parser = new AttemptParser();

  Row toRow(String topic, int partition, long offset, long contentHash, byte[] value) {
    ParseOutcome outcome = parser.parse(value);
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      return attemptRow(topic, partition, offset, contentHash, parsed.attempt());
    }
    return rejectedRow(topic, partition, offset, contentHash, (ParseOutcome.Rejected) outcome, value);
  }

  private static Row rejectedRow(
      String topic, int partition, long offset, long contentHash, ParseOutcome.Rejected rejected, byte[] value) {
    // Non-UTF-8 bytes are kept with replacement characters: the detail says so, and Kafka keeps the original.
    String raw = value == null ? null : new String(value, StandardCharsets.UTF_8);
    Object[] fields = new Object[ParsedMessageSchema.MESSAGE.size()];
    fields[0] = topic;
    fields[1] = partition;
    fields[2] = offset;
    fields[3] = contentHash;
    fields[4] = rejected.reason().code();
    fields[5] = rejected.detail();
    fields[6] = raw;
    return RowFactory.create(fields);
  }

  private static Row attemptRow(String topic, int partition, long offset, long contentHash, Attempt attempt) {
    Attempt.Counts counts = attempt.counts();
    return RowFactory.create(
        topic,
        partition,
        offset,
        contentHash,
        null,
        null,
        null,
        attempt.keenId(),
        attempt.userExamId(),
        attempt.baseExamId(),
        attempt.examName(),
        attempt.startedAtMicros(),
        attempt.keenTimestampMicros(),
        attempt.keenCreatedAtMicros(),
        attempt.maxAttempts(),
        attempt.certification(),
        attempt.sequenceId(),
        attempt.attempt(),
        attempt.questions().size(),
        counts == null ? null : counts.correct(),
        counts == null ? null : counts.incorrect(),
        counts == null ? null : counts.unanswered(),
        counts == null ? null : counts.incomplete(),
        counts == null ? null : counts.submitted(),
        counts == null ? null : counts.total(),
        counts == null ? null : counts.allCorrect(),
        attempt.score(),
        attempt.countsAgree(),
        attempt.extraFields(),
        questionRows(attempt.questions()));
  }

  private static Row[] questionRows(List<Attempt.Question> questions) {
    Row[] rows = new Row[questions.size()];
    for (int i = 0; i < rows.length; i++) {
      Attempt.Question question = questions.get(i);
      rows[i] =
          RowFactory.create(
              question.id(),
              question.position(),
              question.userCorrect(),
              question.userIncomplete(),
              question.userSubmitted(),
              question.userResult(),
              question.options().size(),
              question.correctOptions(),
              question.checkedOptions(),
              question.checkedCorrectOptions(),
              optionRows(question.options()));
    }
    return rows;
  }

  private static Row[] optionRows(List<Attempt.Option> options) {
    Row[] rows = new Row[options.size()];
    for (int i = 0; i < rows.length; i++) {
      Attempt.Option option = options.get(i);
      rows[i] =
          RowFactory.create(
              option.id(), option.position(), option.checked(), option.correct(), option.submitted(), option.atMicros());
    }
    return rows;
  }
}
