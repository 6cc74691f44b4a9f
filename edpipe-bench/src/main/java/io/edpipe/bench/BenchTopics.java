package io.edpipe.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Deletes the bench's scratch topics, to free the broker's disk (edpipe has no command for it). */
final class BenchTopics {
  private BenchTopics() {}

  static void delete(String bootstrapServers, String topic) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, AdminClientConfig.CLIENT_ID_CONFIG, "edpipe-bench"))) {
      admin.deleteTopics(List.of(topic)).all().get(1, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new StepFailedException("delete topic " + topic, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("delete topic " + topic, "interrupted", e);
    }
  }
}
