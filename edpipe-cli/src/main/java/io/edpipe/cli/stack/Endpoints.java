package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a running embedded stack answers, as {@code edpipe up} writes it to {@code HOME/endpoints.json} so that
 * other commands (and other tools) can use it.
 *
 * @param sparkMaster the local cluster's Spark master, null without Spark workers
 * @param topology {@link io.edpipe.cli.cluster.Topology#key()}, null in files written before there were topologies
 * @param nodes the process id of each node of a local cluster, by node name (kafka-1, datanode-2, ...)
 */
public record Endpoints(
    @JsonProperty("pid") long pid,
    @JsonProperty("bootstrap_servers") String bootstrapServers,
    @JsonProperty("hdfs_uri") URI hdfsUri,
    @JsonProperty("warehouse") URI warehouse,
    @JsonProperty("spark_master") String sparkMaster,
    @JsonProperty("topology") String topology,
    @JsonProperty("nodes") Map<String, Long> nodes) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Endpoints {
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    requireNonNull(hdfsUri, "hdfsUri is null");
    requireNonNull(warehouse, "warehouse is null");
    nodes = nodes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(nodes));
  }

  /** The Spark master of the home's cluster, if it runs Spark workers. */
  public Optional<String> sparkMasterUrl() {
    return Optional.ofNullable(sparkMaster);
  }

  public void writeTo(Path file) {
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(temporary.toFile(), this);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** The endpoints in the file, if the process that wrote them is alive and its HDFS answers. */
  public static Optional<Endpoints> ofRunningStack(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Endpoints endpoints;
    try {
      endpoints = JSON.readValue(file.toFile(), Endpoints.class);
    } catch (IOException e) {
      return Optional.empty(); // a half-written or foreign file: treat as no running stack
    }
    boolean alive = ProcessHandle.of(endpoints.pid()).map(ProcessHandle::isAlive).orElse(false);
    return alive && answers(endpoints.hdfsUri()) ? Optional.of(endpoints) : Optional.empty();
  }

  private static boolean answers(URI uri) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
