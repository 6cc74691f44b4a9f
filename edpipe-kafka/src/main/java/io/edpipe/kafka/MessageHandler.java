package io.edpipe.kafka;

/** Receives the messages of a {@link TopicConsumer} run, on the consuming thread. */
@FunctionalInterface
public interface MessageHandler {
  void handle(ConsumedMessage message);

  /** Called after each batch of messages, so output can be flushed while following a topic. */
  default void endOfBatch() {}
}
