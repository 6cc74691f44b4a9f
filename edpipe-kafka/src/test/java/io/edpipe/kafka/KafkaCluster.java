package io.edpipe.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real embedded broker for one test class, in a directory of its own:
 * {@code @RegisterExtension static final KafkaCluster KAFKA = new KafkaCluster();}. Closes the admin client, the
 * broker and the directory after the class.
 */
final class KafkaCluster implements BeforeAllCallback, AfterAllCallback {
  private Path directory;
  private EmbeddedKafka kafka;
  private KafkaClientConfig client;
  private TopicAdmin admin;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    directory = Files.createTempDirectory("edpipe-kafka-it");
    kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.inDirectory(directory.resolve("kafka")));
    client = KafkaClientConfig.of(kafka.bootstrapServers());
    admin = TopicAdmin.create(client);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      admin.close();
    } finally {
      try {
        kafka.close();
      } finally {
        delete(directory);
      }
    }
  }

  /** A directory for the test class's own files. */
  Path directory() {
    return directory;
  }

  EmbeddedKafka kafka() {
    return kafka;
  }

  KafkaClientConfig client() {
    return client;
  }

  TopicAdmin admin() {
    return admin;
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + directory, e);
    }
  }
}
