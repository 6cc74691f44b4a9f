package io.edpipe.core.parse;

import java.nio.charset.StandardCharsets;

/**
 * Reads the one ISO-8601 shape the data writes, {@code 2018-01-23T14:23:19.082Z} (optionally with an offset
 * {@code +01:00} instead of {@code Z}, and 0 to 9 fraction digits), as epoch microseconds, without the JDK's
 * general formatter, which allocates a map per call. Anything else, valid or not, is {@link #NOT_SIMPLE}: the
 * caller then asks the JDK, so both agree on everything this class accepts. Digits below the microsecond are
 * dropped: the result is the microsecond at or before the instant.
 */
final class IsoInstants {
  /** Returned for a text this class leaves to the general parser. */
  static final long NOT_SIMPLE = Long.MIN_VALUE;

  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private IsoInstants() {}

  static long micros(String text) {
    // Latin-1: one byte per character; a character beyond it becomes '?', which no digit or separator is
    return micros(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
  }

  /** {@link #micros(String)} of the ASCII text in {@code [from, to)} of {@code bytes}. */
  static long micros(byte[] bytes, int from, int to) {
    int length = to - from;
    // yyyy-MM-ddTHH:mm:ss = 19 characters, then an optional fraction, then Z or +HH:MM
    if (length < 20) {
      return NOT_SIMPLE;
    }
    int year = digits(bytes, from, 4);
    int month = digits(bytes, from + 5, 2);
    int day = digits(bytes, from + 8, 2);
    int hour = digits(bytes, from + 11, 2);
    int minute = digits(bytes, from + 14, 2);
    int second = digits(bytes, from + 17, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
        || bytes[from + 4] != '-' || bytes[from + 7] != '-' || bytes[from + 10] != 'T'
        || bytes[from + 13] != ':' || bytes[from + 16] != ':') {
      return NOT_SIMPLE;
    }
    int i = from + 19;
    long fractionMicros = 0;
    if (bytes[i] == '.') {
      i++;
      int start = i;
      long scale = MICROS_PER_SECOND;
      while (i < to && isDigit(bytes[i])) {
        if (i - start < 6) {
          scale /= 10;
          fractionMicros += (bytes[i] - '0') * scale;
        }
        i++;
      }
      if (i == start || i - start > 9) {
        return NOT_SIMPLE;
      }
    }
    int offsetSeconds;
    if (i == to - 1 && bytes[i] == 'Z') {
      offsetSeconds = 0;
    } else if (i == to - 6 && (bytes[i] == '+' || bytes[i] == '-') && bytes[i + 3] == ':') {
      int offsetHours = digits(bytes, i + 1, 2);
      int offsetMinutes = digits(bytes, i + 4, 2);
      if (offsetHours < 0 || offsetHours > 17 || offsetMinutes < 0 || offsetMinutes > 59) {
        return NOT_SIMPLE;
      }
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[i] == '-' ? -1 : 1);
    } else {
      return NOT_SIMPLE;
    }
    long epochSeconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return epochSeconds * MICROS_PER_SECOND + fractionMicros;
  }

  /** The non-negative number written by {@code count} digits at {@code start}; -1 if any is not a digit. */
  private static int digits(byte[] bytes, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      byte c = bytes[i];
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static int daysInMonth(int year, int month) {
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  }

  /** Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
