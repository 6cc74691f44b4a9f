package io.edpipe.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether two engines gave the same answer: the same rows, value by value, whatever Java types their drivers
 * return (Spark's {@code Long} and {@code Timestamp} against DuckDB's {@code BigInteger} for a sum and {@code
 * OffsetDateTime} for a TIMESTAMPTZ). Integers compare exactly, other numbers to a relative 1e-9.
 */
public final class AnswerComparison {
  private static final double TOLERANCE = 1e-9;

  private AnswerComparison() {}

  /** Empty when the answers agree; else what differs, for a person. */
  public static Optional<String> difference(List<List<Object>> first, List<List<Object>> second) {
    List<List<Object>> left = normalize(first);
    List<List<Object>> right = normalize(second);
    if (sameRows(left, right)) {
      return Optional.empty();
    }
    if (left.size() != right.size()) {
      return Optional.of(left.size() + " rows against " + right.size() + ": " + left + " against " + right);
    }
    if (sameRows(sorted(left), sorted(right))) {
      return Optional.of("the same rows in another order (ties in ORDER BY): " + left + " against " + right);
    }
    for (int i = 0; i < left.size(); i++) {
      if (!sameRow(left.get(i), right.get(i))) {
        return Optional.of("row " + (i + 1) + ": " + left.get(i) + " against " + right.get(i));
      }
    }
    throw new IllegalStateException("unreachable: rows differ but no row does");
  }

  private static boolean sameRows(List<List<Object>> left, List<List<Object>> right) {
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      if (!sameRow(left.get(i), right.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameRow(List<Object> left, List<Object> right) {
    if (left.size() != right.size()) {
      return false;
    }
    for (int i = 0; i < left.size(); i++) {
      if (!sameValue(left.get(i), right.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(Object left, Object right) {
    if (left instanceof BigInteger a && right instanceof BigInteger b) {
      return a.equals(b);
    }
    if (left instanceof Number a && right instanceof Number b) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      return x == y || Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
    }
    return Objects.equals(left, right);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  private static List<List<Object>> normalize(List<List<Object>> rows) {
    List<List<Object>> normalized = new ArrayList<>();
    for (List<Object> row : rows) {
      List<Object> values = new ArrayList<>();
      for (Object value : row) {
        values.add(normalize(value));
      }
      normalized.add(values);
    }
    return normalized;
  }

  /** One representation per kind of value: integers as BigInteger, other numbers as Double, instants as Instant. */
  static Object normalize(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return BigInteger.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigDecimal decimal) {
      BigDecimal stripped = decimal.stripTrailingZeros();
      return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : decimal.doubleValue();
    }
    if (value instanceof Float number) {
      return number.doubleValue();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof ZonedDateTime time) {
      return time.toInstant();
    }
    if (value instanceof LocalDateTime time) {
      return time.toInstant(ZoneOffset.UTC);
    }
    return value; // null, String, Boolean, Double, BigInteger, Instant, dates
  }
}
