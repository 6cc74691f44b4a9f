package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps the bytes read through it from a moving start onwards, so that a parser reading ahead can still hand out
 * the exact bytes of the element it just parsed. Offsets count from the first byte read through this stream. The
 * caller bounds memory by discarding what it no longer needs.
 */
final class RecordingInputStream extends FilterInputStream {
  private static final int INITIAL_CAPACITY = 64 * 1024;

  private byte[] buffer = new byte[INITIAL_CAPACITY];
  /** Stream offset of {@code buffer[0]}. */
  private long bufferStart;
  /** Bytes before this index are discarded. */
  private int keepFrom;
  /** Bytes in the buffer. */
  private int length;
  private boolean reachedEnd;

  RecordingInputStream(InputStream in) {
    super(requireNonNull(in, "in is null"));
  }

  @Override
  public int read() throws IOException {
    int next = in.read();
    if (next >= 0) {
      append(new byte[] {(byte) next}, 0, 1);
    } else {
      reachedEnd = true;
    }
    return next;
  }

  @Override
  public int read(byte[] target, int offset, int count) throws IOException {
    int read = in.read(target, offset, count);
    if (read > 0) {
      append(target, offset, read);
    } else if (read < 0) {
      reachedEnd = true;
    }
    return read;
  }

  @Override
  public long skip(long count) throws IOException {
    // Skipped bytes must be recorded too, so read them.
    byte[] scratch = new byte[(int) Math.min(count, 8192)];
    int read = read(scratch, 0, scratch.length);
    return Math.max(read, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** The offset just after the last byte read so far. */
  long recordedEnd() {
    return bufferStart + length;
  }

  /** Whether the underlying stream has reported its end. */
  boolean reachedEnd() {
    return reachedEnd;
  }

  /** The oldest offset still kept. */
  long keptStart() {
    return bufferStart + keepFrom;
  }

  /** A copy of the bytes in {@code [from, to)}, which must still be kept and already read. */
  byte[] copy(long from, long to) {
    if (from < keptStart() || to > recordedEnd() || from > to) {
      throw new IllegalStateException(
          String.format(
              "Cannot copy bytes [%d, %d): only [%d, %d) are kept", from, to, keptStart(), recordedEnd()));
    }
    int start = (int) (from - bufferStart);
    return Arrays.copyOfRange(buffer, start, start + (int) (to - from));
  }

  /** Lets go of the bytes before {@code offset}. */
  void discardBefore(long offset) {
    long bounded = Math.min(offset, recordedEnd());
    keepFrom = Math.max(keepFrom, (int) (bounded - bufferStart));
  }

  /** The buffer's size, to check that memory stays bounded. */
  int capacity() {
    return buffer.length;
  }

  private void append(byte[] source, int offset, int count) {
    if (length + count > buffer.length) {
      compact();
    }
    if (length + count > buffer.length) {
      long needed = (long) length + count;
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("Cannot keep an element larger than 2 GB in memory");
      }
      buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(2L * buffer.length, Integer.MAX_VALUE - 8)));
    }
    System.arraycopy(source, offset, buffer, length, count);
    length += count;
  }

  private void compact() {
    if (keepFrom == 0) {
      return;
    }
    System.arraycopy(buffer, keepFrom, buffer, 0, length - keepFrom);
    bufferStart += keepFrom;
    length -= keepFrom;
    keepFrom = 0;
    // Give back memory held for one huge element once it is gone.
    if (buffer.length > INITIAL_CAPACITY && length < buffer.length / 4) {
      buffer = Arrays.copyOf(buffer, Math.max(INITIAL_CAPACITY, length * 2));
    }
  }
}
