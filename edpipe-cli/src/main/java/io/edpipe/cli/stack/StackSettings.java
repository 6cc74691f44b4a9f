package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What a command was told about the stack: explicit endpoints win; what is not given comes from the home's
 * running stack ({@code edpipe up}) or from embedded components started for the command.
 *
 * @param kafkaProperties extra Kafka client settings (security.protocol, sasl.*), for real clusters
 */
public record StackSettings(
    StackHome home,
    Optional<String> bootstrapServers,
    Optional<URI> warehouse,
    String sparkMaster,
    Map<String, String> kafkaProperties) {
  public StackSettings {
    requireNonNull(home, "home is null");
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(sparkMaster, "sparkMaster is null");
    kafkaProperties = Map.copyOf(requireNonNull(kafkaProperties, "kafkaProperties is null"));
  }
}
