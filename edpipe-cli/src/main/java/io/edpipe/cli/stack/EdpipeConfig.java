package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the clusters are, from a properties file ({@code --config edpipe.properties}) and the environment, for
 * commands that run against real clusters. The environment wins over the file, the command line over both:
 *
 * <pre>
 * bootstrap.servers = kafka1:9092,kafka2:9092        # EDPIPE_BOOTSTRAP_SERVERS
 * warehouse = hdfs://namenode:8020/edpipe/warehouse   # EDPIPE_WAREHOUSE
 * spark.master = local[4]                             # EDPIPE_SPARK_MASTER
 * kafka.security.protocol = SASL_SSL                  # EDPIPE_KAFKA_SECURITY_PROTOCOL
 * kafka.sasl.mechanism = SCRAM-SHA-512                # EDPIPE_KAFKA_SASL_MECHANISM
 * kafka.sasl.jaas.config = ...                        # EDPIPE_KAFKA_SASL_JAAS_CONFIG
 * </pre>
 *
 * Any Kafka client setting goes under {@code kafka.}; in the environment its dots become underscores. Unknown keys
 * are errors that name the file: a misspelt key would otherwise be ignored.
 */
public record EdpipeConfig(
    Optional<String> bootstrapServers,
    Optional<URI> warehouse,
    Optional<String> sparkMaster,
    Map<String, String> kafkaProperties) {
  private static final String ENV_PREFIX = "EDPIPE_";
  private static final String KAFKA_PREFIX = "kafka.";
  private static final Set<String> KEYS = Set.of("bootstrap.servers", "warehouse", "spark.master");

  public EdpipeConfig {
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(sparkMaster, "sparkMaster is null");
    kafkaProperties = Map.copyOf(requireNonNull(kafkaProperties, "kafkaProperties is null"));
  }

  /** No file, no environment. */
  public static EdpipeConfig none() {
    return new EdpipeConfig(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
  }

  /** The file's settings (none without a file), overridden by the {@code EDPIPE_...} variables of {@code env}. */
  public static EdpipeConfig load(Optional<Path> file, Map<String, String> env) {
    Map<String, String> settings = new LinkedHashMap<>();
    file.ifPresent(path -> settings.putAll(read(path)));
    Set<String> names = new TreeSet<>(KEYS);
    names.addAll(settings.keySet());
    env.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX + "KAFKA_")) {
            settings.put(KAFKA_PREFIX + name.substring((ENV_PREFIX + "KAFKA_").length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    for (String key : KEYS) {
      String variable = ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
      if (env.containsKey(variable)) {
        settings.put(key, env.get(variable));
      }
    }
    Map<String, String> kafka = new LinkedHashMap<>();
    settings.forEach(
        (key, value) -> {
          if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
            kafka.put(key.substring(KAFKA_PREFIX.length()), value);
          }
        });
    return new EdpipeConfig(
        Optional.ofNullable(settings.get("bootstrap.servers")).filter(value -> !value.isBlank()),
        Optional.ofNullable(settings.get("warehouse")).filter(value -> !value.isBlank()).map(EdpipeConfig::uri),
        Optional.ofNullable(settings.get("spark.master")).filter(value -> !value.isBlank()),
        kafka);
  }

  private static Map<String, String> read(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.BAD_CONFIG, e, "Cannot read the config file %s: %s", path, e.getMessage());
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (!KEYS.contains(key) && !(key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length())) {
        throw new PipelineException(
            ErrorCode.BAD_CONFIG,
            "Unknown key '%s' in the config file %s: known are bootstrap.servers, warehouse, spark.master and kafka.*"
                + " (any Kafka client setting)",
            key, path);
      }
      settings.put(key, properties.getProperty(key).strip());
    }
    return settings;
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new PipelineException(ErrorCode.BAD_CONFIG, e, "Invalid warehouse %s: %s", text, e.getMessage());
    }
  }
}
