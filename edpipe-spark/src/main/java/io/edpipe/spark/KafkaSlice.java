package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/** The offsets {@code [from, until)} of one partition: what one landing task reads straight from Kafka. */
record KafkaSlice(String topic, int partition, long from, long until) implements Serializable {
  KafkaSlice {
    requireNonNull(topic, "topic is null");
    if (from > until) {
      throw new IllegalArgumentException("Slice of " + topic + "/" + partition + " from " + from + " until " + until);
    }
  }
}
