package io.edpipe.core.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Conversions of the raw data's scalar texts, each rejecting what it cannot convert with the field's path. */
final class Values {
  private static final int MAX_SHOWN = 40;
  /** 0001-01-01 .. 9999-12-31: what Spark's TIMESTAMP holds. */
  private static final long MIN_EPOCH_SECONDS = -62_135_596_800L;

  private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

  private Values() {}

  /** An ISO-8601 instant with a zone or offset ({@code 2018-01-23T14:23:19.082Z}) as epoch microseconds. */
  static Long isoMicros(String path, String text) throws Rejection {
    if (text == null) {
      return null;
    }
    try {
      OffsetDateTime time = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.toInstant());
    } catch (DateTimeException | ArithmeticException e) {
      throw new Rejection(
          RejectReason.BAD_TIMESTAMP,
          path + " is not an ISO-8601 time with a zone: " + abbreviate(text));
    }
  }

  /** Epoch seconds with an optional fraction ({@code 1516717442.735266}) as epoch microseconds. */
  static Long epochSecondsMicros(String path, String text) throws Rejection {
    try {
      BigDecimal seconds = new BigDecimal(text.trim());
      if (seconds.compareTo(BigDecimal.valueOf(MIN_EPOCH_SECONDS)) < 0
          || seconds.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
        throw new Rejection(RejectReason.BAD_TIMESTAMP, path + " is out of range: " + abbreviate(text));
      }
      return seconds.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Rejection(RejectReason.BAD_TIMESTAMP, path + " is not epoch seconds: " + abbreviate(text));
    }
  }

  static Double finiteDouble(String path, String text) throws Rejection {
    try {
      double value = Double.parseDouble(text.trim());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the rejection below, which names the field
    }
    throw new Rejection(RejectReason.BAD_NUMBER, path + " is not a finite number: " + abbreviate(text));
  }

  /** An integer, also written as {@code "4"} or {@code 4.0}. */
  static Integer integer(String path, String text) throws Rejection {
    try {
      return new BigDecimal(text.trim()).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Rejection(RejectReason.BAD_NUMBER, path + " is not an integer: " + abbreviate(text));
    }
  }

  /** {@code "true"} or {@code "false"}, any case. */
  static Boolean bool(String path, String text) throws Rejection {
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (trimmed.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new Rejection(RejectReason.BAD_FIELD_TYPE, path + " must be a boolean, found " + abbreviate(text));
  }

  static String abbreviate(String text) {
    String quoted = text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    return "\"" + quoted + "\"";
  }
}
