package io.edpipe.core.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/** Turns Jackson's parse errors and tokens into short reasons for people. */
final class JsonErrors {
  private JsonErrors() {}

  /** Jackson's message without the source description, first line only. */
  static String message(JsonProcessingException error) {
    String message = error.getOriginalMessage();
    if (message == null) {
      return "malformed JSON";
    }
    message = message.lines().findFirst().orElse(message);
    int source = message.indexOf("[Source:");
    if (source >= 0) {
      int open = message.lastIndexOf(" (", source);
      message = message.substring(0, open >= 0 ? open : source).trim();
    }
    return message;
  }

  /** "an array", "a number", ... for a value found where an object was expected. */
  static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case END_ARRAY, END_OBJECT, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> "'" + token.asString() + "'";
    };
  }
}
