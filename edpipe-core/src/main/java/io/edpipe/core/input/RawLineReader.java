package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Reads an input line by line as raw bytes, undecoded and unchecked (a gzipped input is decompressed): for
 * reproducing what producers other than edpipe send. Lines end at {@code \n}; a {@code \r} before it is kept.
 * A last line without a line end counts; the line end at the end of the input does not start another.
 */
public final class RawLineReader implements AutoCloseable, Iterator<RawLine> {
  private static final int MAX_LINE_BYTES = 256 * 1024 * 1024;

  private final String source;
  private final InputStream in;
  private long line;
  private long offset;
  private RawLine next;
  private boolean ended;

  private RawLineReader(String source, InputStream in) {
    this.source = requireNonNull(source, "source is null");
    this.in = requireNonNull(in, "in is null");
  }

  public static RawLineReader open(Path path) {
    try {
      return open(path.toString(), Files.newInputStream(path));
    } catch (NoSuchFileException e) {
      throw new PipelineException(ErrorCode.BAD_INPUT, e, "Cannot read %s: no such file", path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  /** Reads {@code raw}, decompressing it if it starts with gzip's magic bytes. */
  public static RawLineReader open(String source, InputStream raw) {
    BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
    try {
      buffered.mark(2);
      int first = buffered.read();
      int second = buffered.read();
      buffered.reset();
      boolean gzip = first == 0x1f && second == 0x8b;
      return new RawLineReader(source, gzip ? new BufferedInputStream(new GZIPInputStream(buffered), 1 << 16) : buffered);
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.BAD_INPUT, e, "Cannot read %s: %s", source, e.getMessage());
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null && !ended) {
      next = readLine();
    }
    return next != null;
  }

  @Override
  public RawLine next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RawLine line = next;
    next = null;
    return line;
  }

  private RawLine readLine() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      long start = offset;
      int b;
      while ((b = in.read()) != -1) {
        offset++;
        if (b == '\n') {
          return new RawLine(source, ++line, start, bytes.toByteArray());
        }
        if (bytes.size() >= MAX_LINE_BYTES) {
          throw new PipelineException(
              ErrorCode.BAD_INPUT, "Cannot read %s, line %d: longer than %d bytes", source, line + 1, MAX_LINE_BYTES);
        }
        bytes.write(b);
      }
      ended = true;
      return bytes.size() == 0 ? null : new RawLine(source, ++line, start, bytes.toByteArray());
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.BAD_INPUT, e, "Cannot read %s after byte %d: %s", source, offset, e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + source, e);
    }
  }
}
