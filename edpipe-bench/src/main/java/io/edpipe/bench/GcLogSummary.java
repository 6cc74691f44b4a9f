package io.edpipe.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a JVM's {@code -Xlog:gc} log: each pause line says {@code before->after(committed)}, e.g.
 * {@code [2.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 301M->12M(512M) 3.210ms}.
 *
 * @param pauses the GC pauses logged
 * @param maxAfterBytes the largest heap in use after a pause: the live set, at most
 * @param maxBeforeBytes the largest heap in use before a pause: the peak, bounded by -Xmx
 * @param maxCommittedBytes the largest heap the JVM had reserved
 */
public record GcLogSummary(int pauses, long maxAfterBytes, long maxBeforeBytes, long maxCommittedBytes) {
  private static final Pattern PAUSE =
      Pattern.compile("GC\\(\\d+\\) Pause .*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  public static GcLogSummary parse(List<String> lines) {
    int pauses = 0;
    long after = 0;
    long before = 0;
    long committed = 0;
    for (String line : lines) {
      Matcher matcher = PAUSE.matcher(line);
      if (matcher.find()) {
        pauses++;
        before = Math.max(before, bytes(matcher.group(1), matcher.group(2)));
        after = Math.max(after, bytes(matcher.group(3), matcher.group(4)));
        committed = Math.max(committed, bytes(matcher.group(5), matcher.group(6)));
      }
    }
    if (pauses == 0) {
      throw new IllegalArgumentException("Cannot read the GC log: no pause lines (before->after(committed))");
    }
    return new GcLogSummary(pauses, after, before, committed);
  }

  private static long bytes(String number, String unit) {
    long value = Long.parseLong(number);
    return switch (unit) {
      case "K" -> value << 10;
      case "M" -> value << 20;
      case "G" -> value << 30;
      default -> throw new IllegalArgumentException("Unknown unit " + unit);
    };
  }
}
