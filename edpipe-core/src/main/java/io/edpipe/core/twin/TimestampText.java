package io.edpipe.core.twin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;

/** Times in the two text forms of the published file. */
final class TimestampText {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final MathContext SIGNIFICANT_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

  private TimestampText() {}

  /** ISO-8601 UTC with milliseconds, always three digits: {@code 2018-01-23T14:23:19.082Z}. */
  static String isoMillis(long epochMillis) {
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY));
    int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
    char[] text = new char[24];
    digits(text, 0, date.getYear(), 4);
    text[4] = '-';
    digits(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, millisOfDay / 3_600_000, 2);
    text[13] = ':';
    digits(text, 14, millisOfDay / 60_000 % 60, 2);
    text[16] = ':';
    digits(text, 17, millisOfDay / 1_000 % 60, 2);
    text[19] = '.';
    digits(text, 20, millisOfDay % 1_000, 3);
    text[23] = 'Z';
    return new String(text);
  }

  /**
   * Epoch seconds in the form of keen_timestamp: the double nearest to the microsecond time, printed as C's {@code
   * %.17g} prints it (17 significant digits, trailing zeros dropped), e.g. {@code 1516717442.735266}, {@code
   * 1516743098.56811}, and {@code 1516738921.1137421}, where the 17th digit shows the double's binary error. All
   * ten real records follow this form.
   */
  static String epochSeconds(long epochMicros) {
    BigDecimal printed = new BigDecimal(epochMicros / 1e6).round(SIGNIFICANT_DIGITS).stripTrailingZeros();
    return printed.scale() <= 0 ? printed.toBigInteger().toString() : printed.toPlainString();
  }

  private static void digits(char[] text, int offset, int value, int width) {
    for (int i = offset + width - 1; i >= offset; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
