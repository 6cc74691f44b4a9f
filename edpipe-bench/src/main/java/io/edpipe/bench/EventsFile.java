package io.edpipe.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A JSON Lines file of events: how many, how many bytes of JSON, and its first ones as another file. */
final class EventsFile {
  /**
   * @param lines non-empty lines
   * @param jsonBytes the bytes of the lines, without their line ends: the raw JSON
   */
  record Size(long lines, long jsonBytes) {}

  private EventsFile() {}

  static Size size(Path file) {
    long lines = 0;
    long jsonBytes = 0;
    long current = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            lines += current > 0 ? 1 : 0;
            jsonBytes += current;
            current = 0;
          } else if (b != '\r') {
            current++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    lines += current > 0 ? 1 : 0;
    jsonBytes += current;
    return new Size(lines, jsonBytes);
  }

  /** Copies the first {@code count} lines of {@code file} to {@code target}, without a newline after the last. */
  static void head(Path file, long count, Path target) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
      long lines = 0;
      boolean lineEnded = false; // written before the next line's first byte: no newline after the last
      int b;
      while ((b = in.read()) >= 0) {
        if (b == '\n') {
          if (++lines == count) {
            break;
          }
          lineEnded = true;
        } else {
          if (lineEnded) {
            out.write('\n');
            lineEnded = false;
          }
          out.write(b);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the first " + count + " lines of " + file + " to " + target, e);
    }
  }
}
