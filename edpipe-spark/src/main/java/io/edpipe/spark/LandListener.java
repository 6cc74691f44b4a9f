package io.edpipe.spark;

/** Hears how a landing batch goes, e.g. to draw a progress bar. Called on the driver. */
public interface LandListener {
  LandListener NONE = new LandListener() {};

  /** The batch will read this range. */
  default void onStart(KafkaRange range) {}

  /** One table's commit is done; tables commit in a fixed order, {@link LakeTable#values()}' length in all. */
  default void onCommitted(LakeTable table, long addedRows) {}
}
