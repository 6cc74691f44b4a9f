package io.edpipe.cli;

import picocli.CommandLine.Option;

/** The Kafka topic of the attempt events. */
public final class TopicOption {
  public static final String DEFAULT_TOPIC = "assessment-attempts";

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = DEFAULT_TOPIC,
      description = "Kafka topic of the attempt events (default: ${DEFAULT-VALUE}).")
  String topic;

  public String topic() {
    return topic;
  }
}
