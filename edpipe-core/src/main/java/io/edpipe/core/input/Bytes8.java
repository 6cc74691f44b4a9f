package io.edpipe.core.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans bytes eight at a time, for the loops that look at every byte of the input before Jackson does (line ends,
 * whitespace, quotes, non-ASCII bytes). Each test on a word of eight bytes is exact about whether one of them
 * matches, and callers then look at that word's bytes one by one.
 */
public final class Bytes8 {
  private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes8() {}

  public static long word(byte[] bytes, int index) {
    return (long) WORD.get(bytes, index);
  }

  /**
   * The high bit of each byte of {@code word} that ends a plain run in a JSON string (a quote, a backslash, below
   * space, not ASCII), and maybe of bytes after the first such: the lowest bit set is exact, as borrows only run
   * upwards. Zero when the eight bytes are all plain.
   */
  public static long stringStops(long word) {
    long quotes = word ^ (ONES * '"');
    long backslashes = word ^ (ONES * '\\');
    return (((quotes - ONES) & ~quotes) | ((backslashes - ONES) & ~backslashes) | ((word - ONES * ' ') & ~word) | word)
        & HIGHS;
  }

  /** Whether a byte of {@code word} equals {@code value}. */
  static boolean has(long word, byte value) {
    long x = word ^ (ONES * (value & 0xFF));
    return ((x - ONES) & ~x & HIGHS) != 0;
  }

  /** How many bytes of {@code word} equal {@code value}. */
  static int count(long word, byte value) {
    long x = word ^ (ONES * (value & 0xFF));
    long low7 = 0x7F7F7F7F7F7F7F7FL;
    return Long.bitCount(~(((x & low7) + low7) | x) & HIGHS); // exact: no carry crosses a byte
  }

  /** Whether a byte of {@code word}, unsigned, is below {@code bound} (at most 128). */
  static boolean hasBelow(long word, int bound) {
    return ((word - ONES * bound) & ~word & HIGHS) != 0;
  }

  /** Whether a byte of {@code word} is not ASCII. */
  static boolean hasHighBit(long word) {
    return (word & HIGHS) != 0;
  }

  /** The index of the first {@code value} in {@code [from, to)}, or -1. */
  static int indexOf(byte[] bytes, byte value, int from, int to) {
    int i = from;
    while (i < to) {
      if (i + 8 <= to && !has(word(bytes, i), value)) {
        i += 8;
        continue;
      }
      for (int end = Math.min(i + 8, to); i < end; i++) {
        if (bytes[i] == value) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Whether every byte of {@code [from, to)} is ASCII. */
  static boolean isAscii(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (hasHighBit(word(bytes, i))) {
        return false;
      }
    }
    for (; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
