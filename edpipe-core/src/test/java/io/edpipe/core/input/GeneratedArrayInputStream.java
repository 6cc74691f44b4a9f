package io.edpipe.core.input;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A JSON array of {@code count} elements cycling through {@code elements}, generated on the fly. */
final class GeneratedArrayInputStream extends InputStream {
  private static final byte[] OPEN = "[\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CLOSE = "\n]\n".getBytes(StandardCharsets.UTF_8);

  private final List<byte[]> elements;
  private final long count;
  private long produced;
  private byte[] current = OPEN;
  private int position;
  private boolean separatorNext;
  private boolean closed;

  GeneratedArrayInputStream(List<String> elements, long count) {
    this.elements = requireNonNull(elements, "elements is null").stream()
        .map(element -> element.getBytes(StandardCharsets.UTF_8)).toList();
    this.count = count;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (position == current.length && !advance()) {
      return -1;
    }
    int copied = Math.min(length, current.length - position);
    System.arraycopy(current, position, target, offset, copied);
    position += copied;
    return copied;
  }

  private boolean advance() {
    if (closed) {
      return false;
    }
    position = 0;
    if (produced == count) {
      current = CLOSE;
      closed = true;
    } else if (separatorNext) {
      current = SEPARATOR;
      separatorNext = false;
    } else {
      current = elements.get((int) (produced % elements.size()));
      produced++;
      separatorNext = produced < count;
    }
    return true;
  }
}
