package io.edpipe.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text as it goes into the page: escaped, and values formatted for people. */
final class HtmlText {
  private static final int DECIMALS = 3;
  private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

  private HtmlText() {}

  /** Safe in element content and in quoted attribute values. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A table cell: numbers to at most three decimals, times in ISO-8601 UTC, null as an em dash. */
  static String value(Object value) {
    if (value == null) {
      return "\u2014";
    }
    if (value instanceof Double number) {
      if (!Double.isFinite(number)) {
        return number.toString();
      }
      return BigDecimal.valueOf(number).setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Float number) {
      return value(number.doubleValue());
    }
    if (value instanceof Instant instant) {
      return UTC.format(instant);
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return UTC.format(timestamp.toInstant());
    }
    if (value instanceof LocalDateTime local) {
      return UTC.format(local.toInstant(ZoneOffset.UTC));
    }
    return value.toString();
  }

  /**
   * JSON made safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} only occur inside JSON
   * strings, where their unicode escapes mean the same.
   */
  static String scriptSafeJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }
}
