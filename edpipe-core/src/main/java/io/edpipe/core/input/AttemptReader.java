package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.ZipException;

/**
 * Reads attempt events from a JSON array file, a JSON Lines file, either of them gzipped, or stdin, detecting
 * which. Streams in constant memory (one element at a time), so any file size works in a small heap.
 *
 * <p>Yields a {@link ReadResult.Good} per well-formed object and a {@link BadElement} for anything else, with
 * file, element index, line and byte offset, so the caller chooses the policy ({@link OnBad}). In JSON Lines
 * reading always goes on after a bad line; in a JSON array a syntax error ends the input (the bad element says
 * so with {@link BadElement#endsInput()}) while an element that is valid JSON but not an object does not.
 *
 * <p>Errors that are not about one element (unreadable file, unknown format, corrupt gzip) are thrown: a
 * {@link PipelineException} with {@link ErrorCode#BAD_INPUT}, or an {@link UncheckedIOException}. Not
 * thread-safe.
 */
public final class AttemptReader implements AutoCloseable, Iterator<ReadResult> {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String STDIN = "stdin";

  private final String source;
  private final InputFormat format;
  private final boolean gzip;
  private final ElementSource elements;

  private ReadResult next;
  private boolean finished;
  private boolean closed;

  private AttemptReader(String source, InputFormat format, boolean gzip, ElementSource elements) {
    this.source = requireNonNull(source, "source is null");
    this.format = requireNonNull(format, "format is null");
    this.gzip = gzip;
    this.elements = requireNonNull(elements, "elements is null");
  }

  /** Opens a file; its path names it in locations. */
  public static AttemptReader open(Path path) {
    requireNonNull(path, "path is null");
    InputStream in;
    try {
      in = Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new PipelineException(ErrorCode.BAD_INPUT, e, "Cannot read %s: no such file", path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + path, e);
    }
    return open(path.toString(), in);
  }

  /** Reads standard input, named "stdin" in locations; closing the reader closes {@code stdin}. */
  public static AttemptReader openStdin(InputStream stdin) {
    return open(STDIN, stdin);
  }

  /** Reads any stream, named {@code source} in locations; closing the reader closes {@code in}. */
  public static AttemptReader open(String source, InputStream in) {
    requireNonNull(source, "source is null");
    requireNonNull(in, "in is null");
    try {
      InputDetector.Detected detected = InputDetector.detect(source, in);
      ElementSource elements =
          switch (detected.format()) {
            case JSON_ARRAY -> new JsonArrayElements(
                source, detected.stream(), detected.startOffset(), detected.startLine(), FACTORY);
            case JSON_LINES -> new JsonLinesElements(
                source, detected.stream(), detected.startOffset(), detected.startLine(), FACTORY);
          };
      return new AttemptReader(source, detected.format(), detected.gzip(), elements);
    } catch (IOException e) {
      closeAfterFailure(in, e);
      throw readFailure(source, e);
    } catch (RuntimeException e) {
      closeAfterFailure(in, e);
      throw e;
    }
  }

  public String source() {
    return source;
  }

  public InputFormat format() {
    return format;
  }

  public boolean isGzip() {
    return gzip;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !finished) {
      if (closed) {
        throw new IllegalStateException("Cannot read " + source + ": the reader is closed");
      }
      try {
        next = elements.next();
      } catch (IOException e) {
        throw readFailure(source, e);
      }
      finished = next == null;
    }
    return next != null;
  }

  @Override
  public ReadResult next() {
    if (!hasNext()) {
      throw new NoSuchElementException("No more elements in " + source);
    }
    ReadResult result = next;
    next = null;
    return result;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      elements.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + source, e);
    }
  }

  /** Truncated or corrupt gzip data is the input's fault; other I/O errors are not. */
  private static RuntimeException readFailure(String source, IOException e) {
    if (e instanceof ZipException || e instanceof EOFException) {
      return new PipelineException(
          ErrorCode.BAD_INPUT, e, "Cannot read %s: truncated or corrupt gzip data (%s)", source, e.getMessage());
    }
    return new UncheckedIOException("Cannot read " + source, e);
  }

  private static void closeAfterFailure(InputStream in, Exception failure) {
    try {
      in.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
