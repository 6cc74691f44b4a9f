package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How to reach Kafka, shared by the admin, publisher and consumer.
 *
 * @param bootstrapServers "host:port[,host:port...]"
 * @param requestTimeout how long one call to Kafka may take before it fails
 * @param clientProperties extra Kafka client settings (security, SASL, tuning), applied over the stage's
 *     defaults; the settings a stage owns (serializers, bootstrap.servers, ...) are refused
 */
public record KafkaClientConfig(String bootstrapServers, Duration requestTimeout, Map<String, String> clientProperties) {
  public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(30);

  private static final Set<String> OWNED_PROPERTIES =
      Set.of("bootstrap.servers", "key.serializer", "value.serializer", "key.deserializer", "value.deserializer");

  public KafkaClientConfig {
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    checkBootstrapServers(bootstrapServers);
    requireNonNull(requestTimeout, "requestTimeout is null");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    clientProperties = Map.copyOf(requireNonNull(clientProperties, "clientProperties is null"));
    checkNotOwned(clientProperties, OWNED_PROPERTIES);
  }

  /** Default timeout, no extra properties. */
  public static KafkaClientConfig of(String bootstrapServers) {
    return new KafkaClientConfig(bootstrapServers, REQUEST_TIMEOUT_DEFAULT, Map.of());
  }

  public KafkaClientConfig withRequestTimeout(Duration requestTimeout) {
    return new KafkaClientConfig(bootstrapServers, requestTimeout, clientProperties);
  }

  public KafkaClientConfig withClientProperties(Map<String, String> clientProperties) {
    return new KafkaClientConfig(bootstrapServers, requestTimeout, clientProperties);
  }

  /** {@code defaults}, then {@link #clientProperties()}, then {@code bootstrap.servers} and {@code owned}. */
  Map<String, Object> clientProperties(Map<String, Object> defaults, Map<String, Object> owned) {
    Map<String, Object> properties = new HashMap<>(defaults);
    properties.putAll(clientProperties);
    properties.putAll(owned);
    properties.put("bootstrap.servers", bootstrapServers);
    return properties;
  }

  /** Refuses client properties that a stage sets itself. */
  static void checkNotOwned(Map<String, String> clientProperties, Set<String> owned) {
    for (String key : clientProperties.keySet()) {
      if (owned.contains(key)) {
        throw new IllegalArgumentException("Invalid client property " + key + ": set by edpipe");
      }
    }
  }

  private static void checkBootstrapServers(String bootstrapServers) {
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers is empty");
    }
    for (String server : bootstrapServers.split(",", -1)) {
      String trimmed = server.trim();
      int colon = trimmed.lastIndexOf(':');
      if (colon <= 0 || !isPort(trimmed.substring(colon + 1))) {
        throw new IllegalArgumentException(
            "Invalid bootstrap server '" + server + "' in " + bootstrapServers + ": expected host:port");
      }
    }
  }

  private static boolean isPort(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int port = Integer.parseInt(text);
    return port > 0 && port <= 65535;
  }
}
