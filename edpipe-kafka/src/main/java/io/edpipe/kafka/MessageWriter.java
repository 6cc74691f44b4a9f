package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Prints consumed messages as lines, like {@code kafkacat -C}: the value only, or a JSON object with the
 * metadata. Does not close the stream it writes to (it may be stdout).
 */
public final class MessageWriter implements MessageHandler {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final OutputStream out;
  private final OutputFormat format;
  private final JsonGenerator generator;

  public MessageWriter(OutputStream out, OutputFormat format) {
    this.out = requireNonNull(out, "out is null");
    this.format = requireNonNull(format, "format is null");
    try {
      this.generator = FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write messages", e);
    }
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    generator.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM); // flushed per batch, not per message
    generator.setRootValueSeparator(null); // lines end with a newline instead
  }

  @Override
  public void handle(ConsumedMessage message) {
    try {
      switch (format) {
        case VALUE -> {
          if (message.value() != null) {
            out.write(message.value());
          }
        }
        case JSON -> {
          generator.writeStartObject();
          generator.writeStringField("topic", message.topic());
          generator.writeNumberField("partition", message.partition());
          generator.writeNumberField("offset", message.offset());
          generator.writeNumberField("timestamp", message.timestamp());
          generator.writeStringField("key", message.keyText());
          generator.writeStringField("value", message.valueText());
          generator.writeEndObject();
          generator.flush();
        }
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write message " + message.offset() + " of " + message.topic(), e);
    }
  }

  @Override
  public void endOfBatch() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot flush messages", e);
    }
  }
}
