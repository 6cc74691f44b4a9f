package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds an attempt's message key: its {@code keen_id}, else its {@code user_exam_id}. A streaming scan of the
 * top-level fields only; nested objects and arrays are skipped without being decoded. Thread-safe.
 */
final class AttemptKeys {
  static final String KEEN_ID = "keen_id";
  static final String USER_EXAM_ID = "user_exam_id";

  private static final JsonFactory FACTORY = new JsonFactory();

  private AttemptKeys() {}

  /**
   * The key of one attempt object; empty if it has neither field (or only nulls or containers in them).
   *
   * @throws IllegalArgumentException if {@code json} is not a JSON object
   */
  static Optional<String> keyOf(String json) {
    requireNonNull(json, "json is null");
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("Cannot find the key: not a JSON object");
      }
      String userExamId = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isStructStart()) {
          parser.skipChildren();
        } else if (value != JsonToken.VALUE_NULL) {
          if (KEEN_ID.equals(field)) {
            return Optional.of(parser.getText());
          }
          if (USER_EXAM_ID.equals(field) && userExamId == null) {
            userExamId = parser.getText();
          }
        }
      }
      return Optional.ofNullable(userExamId);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot find the key: invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // Parsing a String cannot fail to read.
      throw new IllegalStateException("Cannot parse a string held in memory", e);
    }
  }
}
