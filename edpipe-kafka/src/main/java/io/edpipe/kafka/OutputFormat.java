package io.edpipe.kafka;

/** How {@link MessageWriter} prints a message: one line each. */
public enum OutputFormat {
  /** The value's bytes as they are. */
  VALUE,
  /** {"topic":..,"partition":..,"offset":..,"timestamp":..,"key":..,"value":..}; key and value as strings. */
  JSON
}
