package io.edpipe.kafka;

/** When consuming stops (besides a message limit). */
public enum ConsumeMode {
  /** At the latest offsets seen when consuming starts. */
  UNTIL_END,
  /** Never: waits for new messages until {@link TopicConsumer#stop()} or an interrupt. */
  FOLLOW
}
