package io.edpipe.kafka;

import java.util.regex.Pattern;

/** Kafka's rules for topic names, checked up front so a typo fails with a clear message. */
final class TopicNames {
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private TopicNames() {}

  static String check(String topic) {
    if (topic == null) {
      throw new NullPointerException("topic is null");
    }
    if (!LEGAL.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          "Invalid topic name '" + topic + "': use 1 to 249 letters, digits, '.', '_' or '-'");
    }
    return topic;
  }
}
