package io.edpipe.bench;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A line a bench child prints about its own work, for the orchestrator to read: {@code TAG NAME key=value ...},
 * e.g. {@code PLAN best messages=20000 seconds=12.345 bytes=1234567}. Names and values hold no spaces.
 */
public record TaggedLine(String tag, String name, Map<String, String> values) {
  public TaggedLine {
    requireNonNull(tag, "tag is null");
    requireNonNull(name, "name is null");
    values = Map.copyOf(requireNonNull(values, "values is null"));
  }

  /** The line, as a child prints it (keys in the given order). */
  public static String format(String tag, String name, Map<String, ?> values) {
    StringBuilder line = new StringBuilder(tag).append(' ').append(name);
    values.forEach(
        (key, value) -> {
          String text = value instanceof Double number ? String.format(Locale.ROOT, "%.6f", number) : String.valueOf(value);
          if (text.isEmpty() || text.contains(" ") || key.contains(" ") || key.contains("=")) {
            throw new IllegalArgumentException("Cannot format " + key + "=" + text + ": keys and values hold no spaces");
          }
          line.append(' ').append(key).append('=').append(text);
        });
    return line.toString();
  }

  /** The line if it has this tag and the form {@code TAG NAME key=value ...}. */
  public static Optional<TaggedLine> parse(String tag, String line) {
    String[] words = line.strip().split(" +");
    if (words.length < 2 || !words[0].equals(tag)) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 2; i < words.length; i++) {
      int equals = words[i].indexOf('=');
      if (equals <= 0) {
        return Optional.empty();
      }
      values.put(words[i].substring(0, equals), words[i].substring(equals + 1));
    }
    return Optional.of(new TaggedLine(tag, words[1], values));
  }

  /** Every line of {@code lines} with this tag, in order. */
  public static List<TaggedLine> all(String tag, List<String> lines) {
    return lines.stream().map(line -> parse(tag, line)).flatMap(Optional::stream).toList();
  }

  public String text(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Cannot read " + key + " from the " + tag + " line of " + name + ": missing");
    }
    return value;
  }

  public long longValue(String key) {
    try {
      return Long.parseLong(text(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Cannot read " + key + " from the " + tag + " line of " + name + ": " + text(key), e);
    }
  }

  public double doubleValue(String key) {
    try {
      return Double.parseDouble(text(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Cannot read " + key + " from the " + tag + " line of " + name + ": " + text(key), e);
    }
  }
}
