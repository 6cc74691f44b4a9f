package io.edpipe.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one message (one attempt's JSON) in a single streaming pass, into an {@link Attempt} or a {@link
 * ParseOutcome.Rejected} with a stable reason. Pure: no I/O, thread-safe, cheap to create.
 *
 * <p>The real data carries every top-level number as a JSON string ({@code "max_attempts":"1.0"}, epoch seconds
 * as {@code "1516717442.735266"}, {@code "certification":"false"}): numbers and booleans are accepted either as
 * JSON values or as strings holding them. Unknown fields are kept, by path, in {@link Attempt#extraFields()}; a
 * leading UTF-8 byte order mark is dropped. Anything else of the wrong type is rejected, naming the field.
 */
public final class AttemptParser {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  /** Parses the message's bytes, which must be UTF-8. */
  public ParseOutcome parse(byte[] message) {
    if (message == null || message.length == 0) {
      return new ParseOutcome.Rejected(RejectReason.EMPTY_MESSAGE, "the message has no value");
    }
    String text;
    try {
      text = strictUtf8().decode(ByteBuffer.wrap(message)).toString();
    } catch (CharacterCodingException e) {
      return new ParseOutcome.Rejected(RejectReason.NOT_UTF8, "the message is not valid UTF-8: " + e.getMessage());
    }
    return parse(text);
  }

  /** Parses the message's text. */
  public ParseOutcome parse(String message) {
    if (message != null && message.startsWith(BYTE_ORDER_MARK)) {
      message = message.substring(1); // a UTF-8 BOM some producers write: not part of the JSON
    }
    if (message == null || message.isBlank()) {
      return new ParseOutcome.Rejected(RejectReason.EMPTY_MESSAGE, "the message is empty");
    }
    try (JsonParser parser = FACTORY.createParser(message)) {
      return new ParseOutcome.Parsed(new Reading(parser).attempt());
    } catch (Rejection e) {
      return new ParseOutcome.Rejected(e.reason(), e.getMessage());
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage();
      RejectReason reason =
          what != null && what.startsWith("Duplicate field") ? RejectReason.DUPLICATE_KEY : RejectReason.INVALID_JSON;
      return new ParseOutcome.Rejected(reason, describe(what, e.getLocation()));
    } catch (IOException e) {
      // A String source cannot fail to read; anything else here is a bug.
      throw new UncheckedIOException("Cannot read a message held in memory", e);
    }
  }

  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static String describe(String what, JsonLocation location) {
    String message = what == null ? "malformed JSON" : what.lines().findFirst().orElse(what);
    if (location == null || location.getCharOffset() < 0) {
      return message;
    }
    return message + " (at character " + location.getCharOffset() + ")";
  }

  /** One pass over one message; keeps the path for error messages. */
  private static final class Reading {
    private final JsonParser parser;
    private final Map<String, String> extras = new LinkedHashMap<>();

    Reading(JsonParser parser) {
      this.parser = parser;
    }

    /** Keeps a field the contract does not know, as compact JSON, under its path. */
    private void keepExtra(String path) throws IOException {
      StringWriter json = new StringWriter();
      try (JsonGenerator generator = FACTORY.createGenerator(json)) {
        generator.copyCurrentStructure(parser);
      }
      extras.put(path, json.toString());
    }

    /** The kept fields as one JSON object, or null. */
    private String extraFields() throws IOException {
      if (extras.isEmpty()) {
        return null;
      }
      StringWriter json = new StringWriter();
      try (JsonGenerator generator = FACTORY.createGenerator(json)) {
        generator.writeStartObject();
        for (Map.Entry<String, String> extra : extras.entrySet()) {
          generator.writeFieldName(extra.getKey());
          generator.writeRawValue(extra.getValue());
        }
        generator.writeEndObject();
      }
      return json.toString();
    }

    Attempt attempt() throws IOException, Rejection {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new Rejection(RejectReason.NOT_AN_OBJECT, "the message is a JSON " + kind(first) + ", not an object");
      }
      String keenId = null;
      String userExamId = null;
      String baseExamId = null;
      String examName = null;
      Long startedAt = null;
      Long keenTimestamp = null;
      Long keenCreatedAt = null;
      Double maxAttempts = null;
      Boolean certification = null;
      Sequences sequences = Sequences.EMPTY;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "keen_id" -> keenId = text(field);
          case "user_exam_id" -> userExamId = text(field);
          case "base_exam_id" -> baseExamId = text(field);
          case "exam_name" -> examName = text(field);
          case "started_at" -> startedAt = Values.isoMicros(field, text(field));
          case "keen_timestamp" -> keenTimestamp = epochMicros(field);
          case "keen_created_at" -> keenCreatedAt = epochMicros(field);
          case "max_attempts" -> maxAttempts = decimal(field);
          case "certification" -> certification = bool(field);
          case "sequences" -> sequences = sequences();
          default -> keepExtra(field);
        }
      }
      if (parser.nextToken() != null) {
        throw new Rejection(RejectReason.INVALID_JSON, "trailing content after the attempt's object");
      }
      if (keenId == null || keenId.isBlank()) {
        throw new Rejection(
            RejectReason.MISSING_KEEN_ID,
            keenId == null ? "the attempt has no keen_id" : "the attempt's keen_id is empty");
      }
      return new Attempt(
          keenId,
          userExamId,
          baseExamId,
          examName,
          startedAt,
          keenTimestamp,
          keenCreatedAt,
          maxAttempts,
          certification,
          sequences.id(),
          sequences.attempt(),
          sequences.counts(),
          sequences.questions(),
          extraFields());
    }

    private record Sequences(String id, Integer attempt, Attempt.Counts counts, List<Attempt.Question> questions) {
      static final Sequences EMPTY = new Sequences(null, null, null, List.of());
    }

    private Sequences sequences() throws IOException, Rejection {
      if (nullValue()) {
        return Sequences.EMPTY;
      }
      expectObject("sequences");
      String id = null;
      Integer attempt = null;
      Attempt.Counts counts = null;
      List<Attempt.Question> questions = List.of();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "id" -> id = text("sequences.id");
          case "attempt" -> attempt = integer("sequences.attempt");
          case "counts" -> counts = counts();
          case "questions" -> questions = questions();
          default -> keepExtra("sequences." + field);
        }
      }
      return new Sequences(id, attempt, counts, questions);
    }

    private Attempt.Counts counts() throws IOException, Rejection {
      if (nullValue()) {
        return null;
      }
      expectObject("sequences.counts");
      Integer correct = null;
      Integer incorrect = null;
      Integer unanswered = null;
      Integer incomplete = null;
      Integer submitted = null;
      Integer total = null;
      Boolean allCorrect = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        String path = "sequences.counts." + field;
        switch (field) {
          case "correct" -> correct = integer(path);
          case "incorrect" -> incorrect = integer(path);
          case "unanswered" -> unanswered = integer(path);
          case "incomplete" -> incomplete = integer(path);
          case "submitted" -> submitted = integer(path);
          case "total" -> total = integer(path);
          case "all_correct" -> allCorrect = bool(path);
          default -> keepExtra(path);
        }
      }
      return new Attempt.Counts(correct, incorrect, unanswered, incomplete, submitted, total, allCorrect);
    }

    private List<Attempt.Question> questions() throws IOException, Rejection {
      if (nullValue()) {
        return List.of();
      }
      expectArray("sequences.questions");
      List<Attempt.Question> questions = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        questions.add(question(questions.size() + 1));
      }
      return questions;
    }

    private Attempt.Question question(int position) throws IOException, Rejection {
      String path = "sequences.questions[" + (position - 1) + "]";
      expectObject(path);
      String id = null;
      Boolean userCorrect = null;
      Boolean userIncomplete = null;
      Boolean userSubmitted = null;
      String userResult = null;
      List<Attempt.Option> options = List.of();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        String fieldPath = path + "." + field;
        switch (field) {
          case "id" -> id = text(fieldPath);
          case "user_correct" -> userCorrect = bool(fieldPath);
          case "user_incomplete" -> userIncomplete = bool(fieldPath);
          case "user_submitted" -> userSubmitted = bool(fieldPath);
          case "user_result" -> userResult = text(fieldPath);
          case "options" -> options = options(fieldPath);
          default -> keepExtra(fieldPath);
        }
      }
      return new Attempt.Question(id, position, userCorrect, userIncomplete, userSubmitted, userResult, options);
    }

    private List<Attempt.Option> options(String path) throws IOException, Rejection {
      if (nullValue()) {
        return List.of();
      }
      expectArray(path);
      List<Attempt.Option> options = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        options.add(option(path + "[" + options.size() + "]", options.size() + 1));
      }
      return options;
    }

    private Attempt.Option option(String path, int position) throws IOException, Rejection {
      expectObject(path);
      String id = null;
      Boolean checked = null;
      boolean correct = false;
      boolean submitted = false;
      Long at = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        String fieldPath = path + "." + field;
        switch (field) {
          case "id" -> id = text(fieldPath);
          case "checked" -> checked = bool(fieldPath);
          case "correct" -> correct = Boolean.TRUE.equals(bool(fieldPath));
          case "submitted" -> submitted = submittedFlag(fieldPath);
          case "at" -> at = Values.isoMicros(fieldPath, text(fieldPath));
          default -> keepExtra(fieldPath);
        }
      }
      return new Attempt.Option(id, position, checked, correct, submitted, at);
    }

    /** A scalar as text; null for JSON null; objects and arrays are rejected. */
    private String text(String path) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
        default -> throw wrongType(path, "a string");
      };
    }

    private Long epochMicros(String path) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Values.epochSecondsMicros(path, parser.getText());
        default -> throw wrongType(path, "epoch seconds");
      };
    }

    private Double decimal(String path) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Values.finiteDouble(path, parser.getText());
        default -> throw wrongType(path, "a number");
      };
    }

    private Integer integer(String path) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Values.integer(path, parser.getText());
        default -> throw wrongType(path, "an integer");
      };
    }

    private Boolean bool(String path) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_STRING -> Values.bool(path, parser.getText());
        default -> throw wrongType(path, "a boolean");
      };
    }

    /** {@code submitted} is 1 on options the user submitted; absent, 0 or false otherwise. */
    private boolean submittedFlag(String path) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_NULL, VALUE_FALSE -> false;
        case VALUE_TRUE -> true;
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_STRING -> Values.integer(path, parser.getText()) != 0;
        default -> throw wrongType(path, "0 or 1");
      };
    }

    private boolean nullValue() {
      return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    private void expectObject(String path) throws IOException, Rejection {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw wrongType(path, "an object");
      }
    }

    private void expectArray(String path) throws IOException, Rejection {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw wrongType(path, "an array");
      }
    }

    private Rejection wrongType(String path, String expected) throws IOException {
      JsonToken token = parser.currentToken();
      String found = kind(token);
      if (token != null && token.isScalarValue()) {
        found += " " + Values.abbreviate(parser.getText());
      }
      return new Rejection(RejectReason.BAD_FIELD_TYPE, path + " must be " + expected + ", found " + found);
    }

    private static String kind(JsonToken token) {
      if (token == null) {
        return "nothing";
      }
      return switch (token) {
        case START_OBJECT -> "object";
        case START_ARRAY -> "array";
        case VALUE_STRING -> "string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
        case VALUE_TRUE, VALUE_FALSE -> "boolean";
        case VALUE_NULL -> "null";
        case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> token.name().toLowerCase();
      };
    }
  }
}
