package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.cli.cluster.Topology;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What a command was told about the stack: explicit endpoints win; what is not given comes from the home's
 * running stack ({@code edpipe up}) or from embedded components started for the command.
 *
 * @param sparkMaster an explicit Spark master; without it, the home's Spark cluster if it has one, else local mode
 * @param kafkaProperties extra Kafka client settings (security.protocol, sasl.*), for real clusters
 * @param topology the topology asked for (run and up), to start or check the home's stack with
 */
public record StackSettings(
    StackHome home,
    Optional<String> bootstrapServers,
    Optional<URI> warehouse,
    Optional<String> sparkMaster,
    Map<String, String> kafkaProperties,
    Optional<Topology> topology) {
  public StackSettings {
    requireNonNull(home, "home is null");
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(sparkMaster, "sparkMaster is null");
    kafkaProperties = Map.copyOf(requireNonNull(kafkaProperties, "kafkaProperties is null"));
    requireNonNull(topology, "topology is null");
  }

  public StackSettings withTopology(Optional<Topology> asked) {
    return new StackSettings(home, bootstrapServers, warehouse, sparkMaster, kafkaProperties, asked);
  }
}
