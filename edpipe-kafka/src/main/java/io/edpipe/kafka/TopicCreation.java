package io.edpipe.kafka;

/** What {@link TopicAdmin#create} did. */
public enum TopicCreation {
  CREATED,
  /** The topic was there already, with the requested partitions and replication factor. */
  ALREADY_EXISTS
}
