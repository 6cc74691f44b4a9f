package io.edpipe.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
  /** Duplicate keys are found by {@link FieldNames}, more cheaply than by the factory's own detection. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
  private static final String BYTE_ORDER_MARK = "\uFEFF";
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** Parses the message's bytes, which must be UTF-8. */
  public ParseOutcome parse(byte[] message) {
    if (message == null || message.length == 0) {
      return new ParseOutcome.Rejected(RejectReason.EMPTY_MESSAGE, "the message has no value");
    }
    if (!isAscii(message)) {
      // Rare: decode strictly, then parse the text (its offsets are then in characters).
      try {
        return parse(strictUtf8().decode(ByteBuffer.wrap(message)).toString());
      } catch (CharacterCodingException e) {
        return new ParseOutcome.Rejected(RejectReason.NOT_UTF8, "the message is not valid UTF-8: " + e.getMessage());
      }
    }
    // ASCII, the common case: Jackson reads the bytes as they are, without a decoded copy.
    if (isBlank(message)) {
      return new ParseOutcome.Rejected(RejectReason.EMPTY_MESSAGE, "the message is empty");
    }
    try {
      return parse(FACTORY.createParser(message));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read a message held in memory", e);
    }
  }

  /** Parses the message's text. */
  public ParseOutcome parse(String message) {
    if (message != null && message.startsWith(BYTE_ORDER_MARK)) {
      message = message.substring(1); // a UTF-8 BOM some producers write: not part of the JSON
    }
    if (message == null || message.isBlank()) {
      return new ParseOutcome.Rejected(RejectReason.EMPTY_MESSAGE, "the message is empty");
    }
    try {
      return parse(FACTORY.createParser(message));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read a message held in memory", e);
    }
  }

  private static ParseOutcome parse(JsonParser source) {
    try (JsonParser parser = source) {
      return new ParseOutcome.Parsed(new Reading(parser).attempt());
    } catch (Rejection e) {
      return new ParseOutcome.Rejected(e.reason(), e.getMessage());
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage();
      RejectReason reason =
          what != null && what.startsWith("Duplicate field") ? RejectReason.DUPLICATE_KEY : RejectReason.INVALID_JSON;
      return new ParseOutcome.Rejected(reason, describe(what, e.getLocation()));
    } catch (IOException e) {
      // A source in memory cannot fail to read; anything else here is a bug.
      throw new UncheckedIOException("Cannot read a message held in memory", e);
    }
  }

  /** Whether no byte has its high bit set; eight at a time. */
  static boolean isAscii(byte[] bytes) {
    int i = 0;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) {
        return false;
      }
    }
    for (; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether every byte is whitespace as {@link String#isBlank} defines it for ASCII. */
  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B
          && !(b >= 0x1C && b <= 0x1F)) {
        return false;
      }
    }
    return true;
  }

  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static String describe(String what, JsonLocation location) {
    String message = what == null ? "malformed JSON" : what.lines().findFirst().orElse(what);
    if (location == null) {
      return message;
    }
    // The byte parser reads only ASCII (see parse(byte[])): its byte offsets are character offsets.
    long offset = location.getCharOffset() >= 0 ? location.getCharOffset() : location.getByteOffset();
    return offset < 0 ? message : message + " (at character " + offset + ")";
  }

  /**
   * One pass over one message. Knows where it is (question and option index) and builds a field's path only for
   * an error message: building it for every field would cost more than parsing.
   */
  private static final class Reading {
    private final JsonParser parser;
    private final Map<String, String> extras = new LinkedHashMap<>();
    private final FieldNames topNames = new FieldNames();
    private final FieldNames sequencesNames = new FieldNames();
    private final FieldNames countsNames = new FieldNames();
    private final FieldNames questionNames = new FieldNames();
    private final FieldNames optionNames = new FieldNames();
    private Scope scope = Scope.TOP;
    private int question = -1;
    private int option = -1;

    private enum Scope {
      TOP,
      SEQUENCES,
      COUNTS,
      QUESTION,
      OPTION
    }

    Reading(JsonParser parser) {
      this.parser = parser;
    }

    /** The path of {@code field} in the current scope; of the scope itself when {@code field} is null. */
    private String path(String field) {
      String prefix =
          switch (scope) {
            case TOP -> "";
            case SEQUENCES -> "sequences";
            case COUNTS -> "sequences.counts";
            case QUESTION -> "sequences.questions[" + question + "]";
            case OPTION -> "sequences.questions[" + question + "].options[" + option + "]";
          };
      if (field == null) {
        return prefix;
      }
      return prefix.isEmpty() ? field : prefix + "." + field;
    }

    /** Keeps a field the contract does not know, as compact JSON, under its path. */
    private void keepExtra(String field) throws IOException, Rejection {
      StringWriter json = new StringWriter();
      try (JsonGenerator generator = FACTORY.createGenerator(json)) {
        copy(generator);
      }
      extras.put(path(field), json.toString());
    }

    /** Copies the current value, checking its objects for duplicate keys. */
    private void copy(JsonGenerator generator) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.START_OBJECT) {
        FieldNames names = new FieldNames();
        generator.writeStartObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = name(names);
          generator.writeFieldName(name);
          parser.nextToken();
          copy(generator);
        }
        generator.writeEndObject();
      } else if (token == JsonToken.START_ARRAY) {
        generator.writeStartArray();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          copy(generator);
        }
        generator.writeEndArray();
      } else {
        generator.copyCurrentEvent(parser);
      }
    }

    /** The current field's name, after checking that its object has not had it already. */
    private String name(FieldNames names) throws IOException, Rejection {
      String name = parser.currentName();
      if (!names.add(name)) {
        JsonLocation location = parser.currentTokenLocation();
        throw new Rejection(RejectReason.DUPLICATE_KEY, describe("Duplicate field '" + name + "'", location));
      }
      return name;
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
      topNames.clear();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = name(topNames);
        parser.nextToken();
        switch (field) {
          case "keen_id" -> keenId = text(field);
          case "user_exam_id" -> userExamId = text(field);
          case "base_exam_id" -> baseExamId = text(field);
          case "exam_name" -> examName = text(field);
          case "started_at" -> startedAt = isoMicros(field);
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
      scope = Scope.SEQUENCES;
      String id = null;
      Integer attempt = null;
      Attempt.Counts counts = null;
      List<Attempt.Question> questions = List.of();
      sequencesNames.clear();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = name(sequencesNames);
        parser.nextToken();
        switch (field) {
          case "id" -> id = text(field);
          case "attempt" -> attempt = integer(field);
          case "counts" -> counts = counts();
          case "questions" -> questions = questions();
          default -> keepExtra(field);
        }
      }
      scope = Scope.TOP;
      return new Sequences(id, attempt, counts, questions);
    }

    private Attempt.Counts counts() throws IOException, Rejection {
      if (nullValue()) {
        return null;
      }
      expectObject("counts");
      scope = Scope.COUNTS;
      Integer correct = null;
      Integer incorrect = null;
      Integer unanswered = null;
      Integer incomplete = null;
      Integer submitted = null;
      Integer total = null;
      Boolean allCorrect = null;
      countsNames.clear();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = name(countsNames);
        parser.nextToken();
        switch (field) {
          case "correct" -> correct = integer(field);
          case "incorrect" -> incorrect = integer(field);
          case "unanswered" -> unanswered = integer(field);
          case "incomplete" -> incomplete = integer(field);
          case "submitted" -> submitted = integer(field);
          case "total" -> total = integer(field);
          case "all_correct" -> allCorrect = bool(field);
          default -> keepExtra(field);
        }
      }
      scope = Scope.SEQUENCES;
      return new Attempt.Counts(correct, incorrect, unanswered, incomplete, submitted, total, allCorrect);
    }

    private List<Attempt.Question> questions() throws IOException, Rejection {
      if (nullValue()) {
        return List.of();
      }
      expectArray("questions");
      List<Attempt.Question> questions = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        question = questions.size();
        questions.add(question());
      }
      scope = Scope.SEQUENCES;
      return questions;
    }

    private Attempt.Question question() throws IOException, Rejection {
      scope = Scope.QUESTION;
      expectObject(null);
      String id = null;
      Boolean userCorrect = null;
      Boolean userIncomplete = null;
      Boolean userSubmitted = null;
      String userResult = null;
      List<Attempt.Option> options = List.of();
      questionNames.clear();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = name(questionNames);
        parser.nextToken();
        switch (field) {
          case "id" -> id = text(field);
          case "user_correct" -> userCorrect = bool(field);
          case "user_incomplete" -> userIncomplete = bool(field);
          case "user_submitted" -> userSubmitted = bool(field);
          case "user_result" -> userResult = text(field);
          case "options" -> options = options();
          default -> keepExtra(field);
        }
      }
      return new Attempt.Question(id, question + 1, userCorrect, userIncomplete, userSubmitted, userResult, options);
    }

    private List<Attempt.Option> options() throws IOException, Rejection {
      if (nullValue()) {
        return List.of();
      }
      expectArray("options");
      List<Attempt.Option> options = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        option = options.size();
        options.add(option());
      }
      scope = Scope.QUESTION;
      return options;
    }

    private Attempt.Option option() throws IOException, Rejection {
      scope = Scope.OPTION;
      expectObject(null);
      String id = null;
      Boolean checked = null;
      boolean correct = false;
      boolean submitted = false;
      Long at = null;
      optionNames.clear();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = name(optionNames);
        parser.nextToken();
        switch (field) {
          case "id" -> id = text(field);
          case "checked" -> checked = bool(field);
          case "correct" -> correct = Boolean.TRUE.equals(bool(field));
          case "submitted" -> submitted = submittedFlag(field);
          case "at" -> at = isoMicros(field);
          default -> keepExtra(field);
        }
      }
      return new Attempt.Option(id, option + 1, checked, correct, submitted, at);
    }

    /** The rejection {@code e} of a value, named by its field's path. */
    private Rejection at(String field, Rejection e) {
      return new Rejection(e.reason(), path(field) + " " + e.getMessage());
    }

    /** A scalar as text; null for JSON null; objects and arrays are rejected. */
    private String text(String field) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
        default -> throw wrongType(field, "a string");
      };
    }

    private Long isoMicros(String field) throws IOException, Rejection {
      String text = text(field);
      try {
        return text == null ? null : Values.isoMicros(text);
      } catch (Rejection e) {
        throw at(field, e);
      }
    }

    private Long epochMicros(String field) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      try {
        return switch (token) {
          case VALUE_NULL -> null;
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Values.epochSecondsMicros(parser.getText());
          default -> throw wrongType(field, "epoch seconds");
        };
      } catch (Rejection e) {
        throw e.reason() == RejectReason.BAD_FIELD_TYPE ? e : at(field, e);
      }
    }

    private Double decimal(String field) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      try {
        return switch (token) {
          case VALUE_NULL -> null;
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Values.finiteDouble(parser.getText());
          default -> throw wrongType(field, "a number");
        };
      } catch (Rejection e) {
        throw e.reason() == RejectReason.BAD_FIELD_TYPE ? e : at(field, e);
      }
    }

    private Integer integer(String field) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      try {
        return switch (token) {
          case VALUE_NULL -> null;
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Values.integer(parser.getText());
          default -> throw wrongType(field, "an integer");
        };
      } catch (Rejection e) {
        throw e.reason() == RejectReason.BAD_FIELD_TYPE ? e : at(field, e);
      }
    }

    private Boolean bool(String field) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_STRING -> {
          Boolean value = Values.bool(parser.getText());
          if (value == null) {
            throw new Rejection(
                RejectReason.BAD_FIELD_TYPE,
                path(field) + " must be a boolean, found " + Values.abbreviate(parser.getText()));
          }
          yield value;
        }
        default -> throw wrongType(field, "a boolean");
      };
    }

    /** {@code submitted} is 1 on options the user submitted; absent, 0 or false otherwise. */
    private boolean submittedFlag(String field) throws IOException, Rejection {
      JsonToken token = parser.currentToken();
      try {
        return switch (token) {
          case VALUE_NULL, VALUE_FALSE -> false;
          case VALUE_TRUE -> true;
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_STRING -> Values.integer(parser.getText()) != 0;
          default -> throw wrongType(field, "0 or 1");
        };
      } catch (Rejection e) {
        throw e.reason() == RejectReason.BAD_FIELD_TYPE ? e : at(field, e);
      }
    }

    private boolean nullValue() {
      return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** Checks that the current value is an object; {@code field} null means the current scope's own value. */
    private void expectObject(String field) throws IOException, Rejection {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw wrongType(field, "an object");
      }
    }

    private void expectArray(String field) throws IOException, Rejection {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw wrongType(field, "an array");
      }
    }

    private Rejection wrongType(String field, String expected) throws IOException {
      JsonToken token = parser.currentToken();
      String found = kind(token);
      if (token != null && token.isScalarValue()) {
        found += " " + Values.abbreviate(parser.getText());
      }
      return new Rejection(RejectReason.BAD_FIELD_TYPE, path(field) + " must be " + expected + ", found " + found);
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
