package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/** The copy of a keen_id that is the attempt, decided for a whole batch: where it is, and its content hash. */
record Keeper(String topic, int partition, long offset, long contentHash) implements Serializable {
  Keeper {
    requireNonNull(topic, "topic is null");
  }

  boolean is(String otherTopic, int otherPartition, long otherOffset) {
    return offset == otherOffset && partition == otherPartition && topic.equals(otherTopic);
  }
}
