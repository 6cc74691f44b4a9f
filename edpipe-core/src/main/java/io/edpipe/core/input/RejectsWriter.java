package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes bad elements to a rejects file as JSON Lines: {@code {"source":..,"index":..,"line":..,"byteOffset":..,
 * "location":..,"reason":..,"raw":..}}. The file is created (replacing an older one) at the first reject, so no
 * rejects means no file. Not thread-safe.
 */
public final class RejectsWriter implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Path path;
  private BufferedWriter writer;
  private JsonGenerator generator;
  private long written;

  public RejectsWriter(Path path) {
    this.path = requireNonNull(path, "path is null");
  }

  public Path path() {
    return path;
  }

  /** How many rejects were written. */
  public long written() {
    return written;
  }

  public void write(BadElement bad) {
    requireNonNull(bad, "bad is null");
    try {
      if (generator == null) {
        open();
      }
      generator.writeStartObject();
      generator.writeStringField("source", bad.source());
      generator.writeNumberField("index", bad.index());
      generator.writeNumberField("line", bad.line());
      generator.writeNumberField("byteOffset", bad.byteOffset());
      generator.writeStringField("location", bad.location());
      generator.writeStringField("reason", bad.reason());
      generator.writeStringField("raw", bad.rawText());
      generator.writeEndObject();
      generator.flush();
      writer.newLine();
      written++;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write reject to " + path, e);
    }
  }

  private void open() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    generator = FACTORY.createGenerator(writer);
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    generator.setRootValueSeparator(null); // lines end with a newline instead
  }

  /** Flushes what was written so far to the file. */
  public void flush() {
    if (writer != null) {
      try {
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot flush " + path, e);
      }
    }
  }

  @Override
  public void close() {
    if (writer == null) {
      return;
    }
    try {
      try {
        generator.close(); // flushes into the writer, which it does not close
      } finally {
        writer.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + path, e);
    } finally {
      writer = null;
      generator = null;
    }
  }
}
