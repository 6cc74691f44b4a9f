package io.edpipe.core.twin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.edpipe.core.twin.SimulatedAttempt.Counts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one record the way the real records are written: compact JSON, the same key order at every level
 * (options in the key order of their shape), every top-level value a string, {@code attempt} and
 * {@code submitted} as numbers, flags as booleans. A record without certification has no such key.
 */
final class RecordWriter {
  private final JsonFactory factory =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .build();

  /** Writes the record's UTF-8 bytes, without a separator; does not flush or close {@code out}. */
  void write(SimulatedAttempt attempt, OutputStream out) {
    try (JsonGenerator generator = factory.createGenerator(out)) {
      write(attempt, generator);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write twin record " + attempt.keenId(), e);
    }
  }

  String toJson(SimulatedAttempt attempt) {
    StringWriter json = new StringWriter(4_096);
    try (JsonGenerator generator = factory.createGenerator(json)) {
      write(attempt, generator);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write twin record " + attempt.keenId(), e);
    }
    return json.toString();
  }

  private static void write(SimulatedAttempt attempt, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("keen_timestamp", attempt.keenTimestamp());
    json.writeStringField("max_attempts", PublishedFigures.MAX_ATTEMPTS);
    json.writeStringField("started_at", attempt.startedAt());
    json.writeStringField("base_exam_id", attempt.baseExamId());
    json.writeStringField("user_exam_id", attempt.userExamId());
    json.writeObjectFieldStart("sequences");
    json.writeArrayFieldStart("questions");
    for (SimulatedAttempt.Question question : attempt.questions()) {
      writeQuestion(question, json);
    }
    json.writeEndArray();
    json.writeNumberField("attempt", 1);
    json.writeStringField("id", attempt.sequenceId());
    if (attempt.hasCounts()) {
      writeCounts(attempt.counts(), json);
    }
    json.writeEndObject();
    json.writeStringField("keen_created_at", attempt.keenTimestamp());
    if (attempt.hasCertification()) {
      json.writeStringField("certification", "false");
    }
    json.writeStringField("keen_id", attempt.keenId());
    json.writeStringField("exam_name", attempt.examName());
    json.writeEndObject();
  }

  private static void writeQuestion(SimulatedAttempt.Question question, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeBooleanField("user_incomplete", question.result().isIncomplete());
    json.writeBooleanField("user_correct", question.result().isCorrect());
    json.writeArrayFieldStart("options");
    for (SimulatedAttempt.Option option : question.options()) {
      writeOption(option, json);
    }
    json.writeEndArray();
    json.writeBooleanField("user_submitted", question.result().isSubmitted());
    json.writeStringField("id", question.id());
    json.writeStringField("user_result", question.result().value());
    json.writeEndObject();
  }

  /** Key orders as in the real records, one per shape. */
  private static void writeOption(SimulatedAttempt.Option option, JsonGenerator json) throws IOException {
    json.writeStartObject();
    switch (option.shape()) {
      case UNCHECKED -> {
        json.writeBooleanField("checked", false);
        json.writeStringField("id", option.id());
      }
      case CHECKED_CORRECT -> {
        json.writeBooleanField("checked", true);
        json.writeStringField("at", option.at());
        json.writeStringField("id", option.id());
        json.writeNumberField("submitted", 1);
        json.writeBooleanField("correct", true);
      }
      case UNCHECKED_CORRECT -> {
        json.writeBooleanField("checked", false);
        json.writeBooleanField("correct", true);
        json.writeStringField("id", option.id());
      }
      case UNTICKED -> {
        json.writeBooleanField("checked", false);
        json.writeStringField("at", option.at());
        json.writeStringField("id", option.id());
      }
      case CHECKED_WRONG -> {
        json.writeBooleanField("checked", true);
        json.writeStringField("at", option.at());
        json.writeStringField("id", option.id());
        json.writeNumberField("submitted", 1);
      }
    }
    json.writeEndObject();
  }

  private static void writeCounts(Counts counts, JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("counts");
    json.writeNumberField("incomplete", counts.incomplete());
    json.writeNumberField("submitted", counts.submitted());
    json.writeNumberField("incorrect", counts.incorrect());
    json.writeBooleanField("all_correct", counts.allCorrect());
    json.writeNumberField("correct", counts.correct());
    json.writeNumberField("total", counts.total());
    json.writeNumberField("unanswered", counts.unanswered());
    json.writeEndObject();
  }
}
