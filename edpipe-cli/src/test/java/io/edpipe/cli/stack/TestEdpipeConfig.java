package io.edpipe.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.PipelineException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEdpipeConfig {
  @TempDir Path directory;

  @Test
  void readsTheFileAndTheEnvironmentWins() throws Exception {
    Path file = directory.resolve("edpipe.properties");
    Files.writeString(
        file,
        """
        # real clusters
        bootstrap.servers = kafka1:9092,kafka2:9092
        warehouse = hdfs://namenode:8020/edpipe/warehouse
        spark.master = local[4]
        kafka.security.protocol = SASL_SSL
        kafka.sasl.mechanism = SCRAM-SHA-512
        kafka.sasl.jaas.config = org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";
        """);

    EdpipeConfig fromFile = EdpipeConfig.load(Optional.of(file), Map.of("PATH", "/usr/bin"));
    assertThat(fromFile.bootstrapServers()).contains("kafka1:9092,kafka2:9092");
    assertThat(fromFile.warehouse()).contains(URI.create("hdfs://namenode:8020/edpipe/warehouse"));
    assertThat(fromFile.sparkMaster()).contains("local[4]");
    assertThat(fromFile.kafkaProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";")
        .hasSize(3);

    EdpipeConfig overridden =
        EdpipeConfig.load(
            Optional.of(file),
            Map.of("EDPIPE_BOOTSTRAP_SERVERS", "kafka9:9093", "EDPIPE_KAFKA_SASL_MECHANISM", "PLAIN", "EDPIPE_SPARK_MASTER", "yarn"));
    assertThat(overridden.bootstrapServers()).contains("kafka9:9093");
    assertThat(overridden.sparkMaster()).contains("yarn");
    assertThat(overridden.kafkaProperties()).containsEntry("sasl.mechanism", "PLAIN").containsEntry("security.protocol", "SASL_SSL");

    EdpipeConfig environmentOnly = EdpipeConfig.load(Optional.empty(), Map.of("EDPIPE_WAREHOUSE", "file:/tmp/lake"));
    assertThat(environmentOnly.warehouse()).contains(URI.create("file:/tmp/lake"));
    assertThat(environmentOnly.bootstrapServers()).isEmpty();
    assertThat(EdpipeConfig.load(Optional.empty(), Map.of())).isEqualTo(EdpipeConfig.none());
  }

  @Test
  void namesTheFileOfAnUnknownKeyAndOfAMissingFile() throws Exception {
    Path file = directory.resolve("edpipe.properties");
    Files.writeString(file, "bootstrap.server = kafka1:9092\n");
    assertThatThrownBy(() -> EdpipeConfig.load(Optional.of(file), Map.of()))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("Unknown key 'bootstrap.server' in the config file " + file);
    assertThatThrownBy(() -> EdpipeConfig.load(Optional.of(directory.resolve("missing.properties")), Map.of()))
        .hasMessageContaining("Cannot read the config file");
  }
}
