package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.customer.Customers;
import io.edpipe.core.input.OnBad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how to publish attempts.
 *
 * @param onBad what to do with a bad element: stop ({@code FAIL}) or record it and go on ({@code SKIP})
 * @param rejectsFile where {@code SKIP} writes the bad elements as JSON Lines; required for {@code SKIP}
 * @param progressInterval the least time between two progress reports
 * @param customer the customer every message is stamped with (the {@link Customers#HEADER} header); none: the
 *     messages land under the lake's default customer
 */
public record TopicPublisherConfig(
    KafkaClientConfig client,
    String topic,
    OnBad onBad,
    Optional<Path> rejectsFile,
    Duration progressInterval,
    Optional<String> customer) {
  public static final Duration PROGRESS_INTERVAL_DEFAULT = Duration.ofMillis(200);

  /** Producer settings that keep the no-loss guarantee; they cannot be overridden. */
  static final Set<String> OWNED_PROPERTIES = Set.of("acks", "enable.idempotence", "transactional.id");

  public TopicPublisherConfig {
    requireNonNull(client, "client is null");
    KafkaClientConfig.checkNotOwned(client.clientProperties(), OWNED_PROPERTIES);
    TopicNames.check(topic);
    requireNonNull(onBad, "onBad is null");
    requireNonNull(rejectsFile, "rejectsFile is null");
    if (onBad == OnBad.SKIP && rejectsFile.isEmpty()) {
      throw new IllegalArgumentException("rejectsFile is required when onBad is SKIP");
    }
    requireNonNull(progressInterval, "progressInterval is null");
    if (progressInterval.isNegative()) {
      throw new IllegalArgumentException("progressInterval must not be negative: " + progressInterval);
    }
    requireNonNull(customer, "customer is null").ifPresent(id -> Customers.check(id, "the published messages"));
  }

  /** Stops at the first bad element. */
  public static TopicPublisherConfig failingOnBad(KafkaClientConfig client, String topic) {
    return new TopicPublisherConfig(
        client, topic, OnBad.FAIL, Optional.empty(), PROGRESS_INTERVAL_DEFAULT, Optional.empty());
  }

  /** Skips bad elements, writing them to {@code rejectsFile}. */
  public static TopicPublisherConfig skippingBad(KafkaClientConfig client, String topic, Path rejectsFile) {
    return new TopicPublisherConfig(
        client, topic, OnBad.SKIP, Optional.of(requireNonNull(rejectsFile, "rejectsFile is null")),
        PROGRESS_INTERVAL_DEFAULT, Optional.empty());
  }

  public TopicPublisherConfig withProgressInterval(Duration progressInterval) {
    return new TopicPublisherConfig(client, topic, onBad, rejectsFile, progressInterval, customer);
  }

  /** Stamps every message with {@code customer} (a valid customer id). */
  public TopicPublisherConfig withCustomer(String customer) {
    return new TopicPublisherConfig(client, topic, onBad, rejectsFile, progressInterval, Optional.of(customer));
  }
}
