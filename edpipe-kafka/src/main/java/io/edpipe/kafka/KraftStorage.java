package io.edpipe.kafka;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory once (what {@code kafka-storage.sh format} does) and reads the cluster id back on
 * later starts, so a restarted broker finds its topics and messages again.
 */
final class KraftStorage {
  private static final Logger log = LoggerFactory.getLogger(KraftStorage.class);
  private static final String META_PROPERTIES = "meta.properties";

  private KraftStorage() {}

  /**
   * Formats {@code directory} for {@code nodeId} unless it holds a meta.properties already; a new directory's
   * metadata holds SCRAM-SHA-256 and SCRAM-SHA-512 credentials of {@code scramUsers} (user to password), as
   * {@code kafka-storage.sh format --add-scram} writes them.
   *
   * @return the cluster id, new or read back
   */
  static String formatIfNeeded(
      Path directory, int nodeId, String controllerListenerName, Map<String, String> scramUsers) {
    return formatIfNeeded(directory, nodeId, controllerListenerName, Uuid.randomUuid().toString(), scramUsers);
  }

  /**
   * Formats {@code directory} for {@code nodeId} of the cluster {@code clusterId} unless it holds a meta.properties
   * already, which must then be of that cluster.
   *
   * @return the cluster id, new or read back
   */
  static String formatIfNeeded(Path directory, int nodeId, String controllerListenerName, String newClusterId) {
    return formatIfNeeded(directory, nodeId, controllerListenerName, newClusterId, Map.of());
  }

  private static String formatIfNeeded(
      Path directory, int nodeId, String controllerListenerName, String newClusterId, Map<String, String> scramUsers) {
    requireNonNull(directory, "directory is null");
    Path metaProperties = directory.resolve(META_PROPERTIES);
    if (Files.exists(metaProperties)) {
      return readClusterId(metaProperties, nodeId);
    }
    String clusterId = requireNonNull(newClusterId, "newClusterId is null");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      Files.createDirectories(directory);
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(nodeId)
          .setClusterId(clusterId)
          .setDirectories(List.of(directory.toString()))
          .setMetadataLogDirectory(directory.toString())
          .setControllerListenerName(controllerListenerName)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setScramArguments(scramArguments(scramUsers))
          .run();
    } catch (Exception e) {
      throw new PipelineException(
          ErrorCode.STACK_FAILED, e, "Cannot format Kafka log directory %s: %s", directory, e.getMessage());
    }
    log.info("Formatted Kafka log directory {} for cluster {}: {}", directory, clusterId, output.toString(
        StandardCharsets.UTF_8).trim());
    return clusterId;
  }

  private static List<String> scramArguments(Map<String, String> users) {
    return users.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .flatMap(
            user ->
                Stream.of("SCRAM-SHA-256", "SCRAM-SHA-512")
                    .map(mechanism -> mechanism + "=[name=" + user.getKey() + ",password=" + user.getValue() + "]"))
        .toList();
  }

  private static String readClusterId(Path metaProperties, int nodeId) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + metaProperties, e);
    }
    String clusterId = properties.getProperty("cluster.id");
    String storedNodeId = properties.getProperty("node.id");
    if (clusterId == null || !String.valueOf(nodeId).equals(storedNodeId)) {
      throw new PipelineException(
          ErrorCode.STACK_FAILED,
          "Cannot reuse Kafka log directory %s: %s is not from an embedded broker (cluster.id %s, node.id %s)",
          metaProperties.getParent(), metaProperties.getFileName(), clusterId, storedNodeId);
    }
    return clusterId;
  }
}
