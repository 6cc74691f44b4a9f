package io.edpipe.core.input;

import java.io.Closeable;
import java.io.IOException;

/** Reads the elements of one input format, one at a time. */
interface ElementSource extends Closeable {
  /** The next element, good or bad, or null at the end of the input. */
  ReadResult next() throws IOException;
}
