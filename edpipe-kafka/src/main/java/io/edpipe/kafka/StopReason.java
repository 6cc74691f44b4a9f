package io.edpipe.kafka;

/** Why a {@link TopicConsumer} run ended. */
public enum StopReason {
  /** Every partition was read up to the latest offset seen at the start. */
  END_OF_TOPIC,
  /** The message limit was reached. */
  MAX_MESSAGES,
  /** {@link TopicConsumer#stop()} was called or the thread was interrupted. */
  STOPPED
}
