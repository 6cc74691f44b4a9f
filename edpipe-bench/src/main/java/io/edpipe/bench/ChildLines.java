package io.edpipe.bench;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the figures out of what the measured programs print about their own work. */
public final class ChildLines {
  private static final Pattern PUBLISH =
      Pattern.compile("^publish: (\\d+) messages \\(([\\d.]+) MB\\) to (\\S+) in ([\\d.]+) s \\(([\\d.]+) messages/s\\)");
  private static final Pattern LAND =
      Pattern.compile("^land: (\\d+) messages from (\\S+) in ([\\d.]+) s \\(([\\d.]+) messages/s\\)");
  /** ProducerPerformance's final summary; the periodic ones have no percentiles. */
  private static final Pattern PRODUCER_PERFORMANCE =
      Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency,"
          + " ([\\d.]+) ms max latency, .*\\d+ ms 50th");

  private ChildLines() {}

  /** {@code publish: N messages (X MB) to T in S s (R messages/s)}, the last one. */
  public static Measurement publish(String engine, List<String> lines) {
    return last(lines, PUBLISH, "publish: N messages (X MB) to T in S s (R messages/s)", m -> new Measurement(
        engine,
        Long.parseLong(m.group(1)),
        Double.parseDouble(m.group(4)),
        Double.parseDouble(m.group(5)),
        Math.round(Double.parseDouble(m.group(2)) * 1e6)));
  }

  /** {@code land: N messages from T in S s (R messages/s): ...}, the last one. */
  public static Measurement land(String engine, List<String> lines) {
    return last(lines, LAND, "land: N messages from T in S s (R messages/s)", m -> new Measurement(
        engine,
        Long.parseLong(m.group(1)),
        Double.parseDouble(m.group(3)),
        Double.parseDouble(m.group(4)),
        -1));
  }

  /** ProducerPerformance's final {@code N records sent, R records/sec (X MB/sec), ...}; bytes from the MB/sec. */
  public static Measurement producerPerformance(String engine, List<String> lines) {
    return last(lines, PRODUCER_PERFORMANCE, "N records sent, R records/sec (X MB/sec), ... 50th ...", m -> {
      long records = Long.parseLong(m.group(1));
      double rate = Double.parseDouble(m.group(2));
      double seconds = rate > 0 ? records / rate : 0;
      return new Measurement(engine, records, seconds, rate, Math.round(Double.parseDouble(m.group(3)) * 1024 * 1024 * seconds));
    });
  }

  private static Measurement last(List<String> lines, Pattern pattern, String form, Function<Matcher, Measurement> read) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher matcher = pattern.matcher(lines.get(i).strip());
      if (matcher.find()) {
        return read.apply(matcher);
      }
    }
    throw new IllegalArgumentException("Cannot find the summary line (" + form + ") in the output");
  }
}
