package io.edpipe.core.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Conversions of the raw data's scalar texts. A rejection's detail says what is wrong with the value and starts
 * with a verb ({@code is not an integer: "four"}): the caller puts the field's path in front.
 *
 * <p>Each conversion has a fast path for the shapes the data has ({@code 2018-01-23T14:23:19.082Z},
 * {@code 1516717442.735266}, {@code 4}), written by hand because the JDK's general parsers cost more than the
 * rest of a message's parse; anything else goes to the general parser, which decides.
 */
final class Values {
  private static final int MAX_SHOWN = 40;
  /** 0001-01-01 .. 9999-12-31: what Spark's TIMESTAMP holds. */
  private static final long MIN_EPOCH_SECONDS = -62_135_596_800L;

  private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private Values() {}

  /** An ISO-8601 instant with a zone or offset ({@code 2018-01-23T14:23:19.082Z}) as epoch microseconds. */
  static long isoMicros(String text) throws Rejection {
    long fast = IsoInstants.micros(text);
    if (fast != IsoInstants.NOT_SIMPLE) {
      return fast; // years 0001 to 9999 only: within range
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new Rejection(RejectReason.BAD_TIMESTAMP, "is not an ISO-8601 time with a zone: " + abbreviate(text));
    }
    if (instant.getEpochSecond() < MIN_EPOCH_SECONDS || instant.getEpochSecond() > MAX_EPOCH_SECONDS) {
      throw new Rejection(RejectReason.BAD_TIMESTAMP, "is out of range: " + abbreviate(text));
    }
    // the microsecond at or before the instant, as the fast path reads it
    return instant.getEpochSecond() * MICROS_PER_SECOND + instant.getNano() / 1_000;
  }

  /**
   * Epoch seconds with an optional fraction ({@code 1516717442.735266}) as epoch microseconds, rounded half up
   * to the microsecond.
   */
  static long epochSecondsMicros(String text) throws Rejection {
    long fast = simpleEpochMicros(text);
    if (fast >= 0) {
      return fast;
    }
    try {
      BigDecimal seconds = new BigDecimal(text.trim());
      if (seconds.compareTo(BigDecimal.valueOf(MIN_EPOCH_SECONDS)) < 0
          || seconds.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
        throw new Rejection(RejectReason.BAD_TIMESTAMP, "is out of range: " + abbreviate(text));
      }
      return seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Rejection(RejectReason.BAD_TIMESTAMP, "is not epoch seconds: " + abbreviate(text));
    }
  }

  /** {@code digits[.digits]} within range as micros, rounded half up; -1 for anything else. */
  private static long simpleEpochMicros(String text) {
    int length = text.length();
    int i = 0;
    long seconds = 0;
    while (i < length && isDigit(text.charAt(i))) {
      if (i >= 12) {
        return -1; // more digits than the range allows: let the general path say so
      }
      seconds = seconds * 10 + (text.charAt(i) - '0');
      i++;
    }
    if (i == 0 || seconds > MAX_EPOCH_SECONDS) {
      return -1;
    }
    long micros = 0;
    if (i < length) {
      if (text.charAt(i) != '.') {
        return -1;
      }
      i++;
      int fractionStart = i;
      long scale = MICROS_PER_SECOND;
      boolean roundUp = false;
      while (i < length && isDigit(text.charAt(i))) {
        int digit = text.charAt(i) - '0';
        int place = i - fractionStart;
        if (place < 6) {
          scale /= 10;
          micros += digit * scale;
        } else if (place == 6) {
          roundUp = digit >= 5; // half up: the discarded part is at least one half iff its first digit is
        }
        i++;
      }
      if (i == fractionStart || i < length) {
        return -1;
      }
      if (roundUp) {
        micros++;
      }
    }
    long result = seconds * MICROS_PER_SECOND + micros;
    return result > MAX_EPOCH_SECONDS * MICROS_PER_SECOND ? -1 : result;
  }

  static double finiteDouble(String text) throws Rejection {
    try {
      double value = Double.parseDouble(text.trim());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the rejection below
    }
    throw new Rejection(RejectReason.BAD_NUMBER, "is not a finite number: " + abbreviate(text));
  }

  /** An integer, also written as {@code "4"} or {@code 4.0}. */
  static int integer(String text) throws Rejection {
    int length = text.length();
    if (length > 0 && length <= 9) {
      int value = 0;
      int i = 0;
      while (i < length && isDigit(text.charAt(i))) {
        value = value * 10 + (text.charAt(i) - '0');
        i++;
      }
      if (i == length) {
        return value;
      }
    }
    try {
      return new BigDecimal(text.trim()).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Rejection(RejectReason.BAD_NUMBER, "is not an integer: " + abbreviate(text));
    }
  }

  /** {@code "true"} or {@code "false"}, any case, around spaces; null for anything else. */
  static Boolean bool(String text) {
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (trimmed.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    return null;
  }

  static String abbreviate(String text) {
    String quoted = text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    return "\"" + quoted + "\"";
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
