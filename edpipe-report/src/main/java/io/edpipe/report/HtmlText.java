package io.edpipe.report;

import io.edpipe.core.table.ResultWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Text as it goes into the page: escaped, and values formatted for people. */
final class HtmlText {
  private static final int DECIMALS = 3;

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

  /** A table cell: doubles to at most three decimals, null as an em dash, the rest as in text output. */
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
    return ResultWriter.text(value);
  }

  /**
   * JSON made safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} only occur inside JSON
   * strings, where their unicode escapes mean the same.
   */
  static String scriptSafeJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }
}
