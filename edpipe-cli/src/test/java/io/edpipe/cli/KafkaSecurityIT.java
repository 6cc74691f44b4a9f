package io.edpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edpipe.kafka.EmbeddedKafka;
import io.edpipe.kafka.EmbeddedKafkaConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * edpipe against a Kafka that wants SASL, as secured clusters do: the client settings given with {@code
 * --kafka-property} or a config file reach every client, the publisher's, the admin's and the landing tasks' own
 * consumers. PLAIN on the command line, SCRAM-SHA-512 (what managed Kafka services mostly ask for) in the file.
 */
class KafkaSecurityIT {
  private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

  @TempDir Path work;

  @Test
  void publishesAndLandsThroughABrokerThatWantsSasl() throws Exception {
    Path sample = work.resolve("real-sample.jsonl");
    try (InputStream in = KafkaSecurityIT.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      Files.copy(in, sample, StandardCopyOption.REPLACE_EXISTING);
    }
    String warehouse = work.resolve("lake").toUri().toString();
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(
            EmbeddedKafkaConfig.inDirectory(work.resolve("kafka")).withSaslUsers(Map.of("alice", "alice-secret")))) {
      List<String> alice = security(kafka, "alice-secret");

      CliRun topic = CliRun.of(args(alice, "topic", "create", "--partitions", "2"));
      assertThat(topic.exitCode()).as(topic.toString()).isZero();
      CliRun publish = CliRun.of(args(alice, "publish", sample.toString()));
      assertThat(publish.exitCode()).as(publish.toString()).isZero();
      assertThat(publish.out()).contains("publish: 10 messages");
      // SCRAM from a config file, as a real cluster's settings would be kept
      Path config = scramConfig(kafka, warehouse, "alice-secret");
      CliRun land = CliRun.of("land", "--config", config.toString());
      assertThat(land.exitCode()).as(land.toString()).isZero();
      assertThat(land.out()).contains("10 attempts");
      CliRun query =
          CliRun.of("query", "--config", config.toString(), "--format", "csv", "SELECT count(*) AS attempts FROM attempts");
      assertThat(query.out().lines()).as(query.toString()).containsExactly("attempts", "10");

      CliRun wrong = CliRun.of(args(security(kafka, "guess"), "publish", sample.toString()));
      assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
      assertThat(wrong.err()).contains("Authentication failed");
      CliRun wrongScram = CliRun.of("publish", "--config", scramConfig(kafka, warehouse, "guess").toString(), sample.toString());
      assertThat(wrongScram.exitCode()).as(wrongScram.toString()).isNotZero();
      assertThat(wrongScram.err()).contains("Authentication failed").contains("SCRAM-SHA-512");
    }
  }

  private Path scramConfig(EmbeddedKafka kafka, String warehouse, String password) throws IOException {
    Path config = work.resolve("edpipe-" + password + ".properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "bootstrap.servers = " + kafka.bootstrapServers(),
            "warehouse = " + warehouse,
            "spark.master = local[2]",
            "kafka.security.protocol = SASL_PLAINTEXT",
            "kafka.sasl.mechanism = SCRAM-SHA-512",
            "kafka." + jaas(SCRAM_LOGIN, password).replaceFirst("=", " = "),
            ""));
    return config;
  }

  private static List<String> security(EmbeddedKafka kafka, String password) {
    return List.of(
        "--bootstrap-servers", kafka.bootstrapServers(),
        "--kafka-property", "security.protocol=SASL_PLAINTEXT",
        "--kafka-property", "sasl.mechanism=PLAIN",
        "--kafka-property", jaas(PLAIN_LOGIN, password));
  }

  /** The JAAS line of alice with {@code password}, as a client setting. */
  private static String jaas(String loginModule, String password) {
    return "sasl.jaas.config=" + loginModule + " required username=\"alice\" password=\"" + password + "\";";
  }

  /** The command, its arguments, then the security options. */
  private static String[] args(List<String> security, String... command) {
    List<String> all = new ArrayList<>(Arrays.asList(command));
    // "topic create": the options go after the subcommand
    all.addAll(security);
    return all.toArray(String[]::new);
  }
}
