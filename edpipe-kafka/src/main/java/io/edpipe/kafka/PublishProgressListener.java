package io.edpipe.kafka;

/**
 * Told how a publish run is going, at most once per {@link TopicPublisherConfig#progressInterval()} and once at
 * the end (also when the run fails). Called on the publishing thread.
 */
@FunctionalInterface
public interface PublishProgressListener {
  PublishProgressListener NONE = progress -> {};

  void onProgress(PublishProgress progress);
}
