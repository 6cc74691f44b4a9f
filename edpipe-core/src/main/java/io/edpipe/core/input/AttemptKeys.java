package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds an attempt's message key while its object is read: its {@code keen_id}, else its {@code user_exam_id}, the
 * first of each that holds a scalar (not null, not an object or array). Only top-level fields count; nested objects
 * and arrays are skipped without being decoded. Readers call {@link #scan} in the pass that checks the element, so
 * finding the key costs no second parse.
 */
public final class AttemptKeys {
  static final String KEEN_ID = "keen_id";
  static final String USER_EXAM_ID = "user_exam_id";

  private static final JsonFactory FACTORY = new JsonFactory();

  private AttemptKeys() {}

  /**
   * Reads the object whose {@code START_OBJECT} is {@code parser}'s current token, up to and including its
   * {@code END_OBJECT}, and returns its key, or null when it has neither field.
   */
  static String scan(JsonParser parser) throws IOException {
    String keenId = null;
    String userExamId = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value.isStructStart()) {
        parser.skipChildren();
      } else if (value != JsonToken.VALUE_NULL) {
        if (keenId == null && KEEN_ID.equals(field)) {
          keenId = parser.getText();
        } else if (userExamId == null && USER_EXAM_ID.equals(field)) {
          userExamId = parser.getText();
        }
      }
    }
    return keenId != null ? keenId : userExamId;
  }

  /**
   * The key of one attempt object; empty if it has neither field.
   *
   * @throws IllegalArgumentException if {@code json} is not one JSON object
   */
  public static Optional<String> keyOf(String json) {
    requireNonNull(json, "json is null");
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("Cannot find the key: not a JSON object");
      }
      return Optional.ofNullable(scan(parser));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot find the key: invalid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      // Parsing a String cannot fail to read.
      throw new IllegalStateException("Cannot parse a string held in memory", e);
    }
  }
}
