package io.edpipe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a Spark application's event log (spark.eventLog.dir) says about where its tasks ran. */
record SparkEventLog(String appId, String appName, Map<String, String> executorHosts, Map<String, Long> tasksByExecutor) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a log: a file, or the directory of a rolling log (Spark 4's default: events_1_..., events_2_...). */
  static SparkEventLog read(Path log) {
    List<Path> files;
    try (Stream<Path> parts = Files.isDirectory(log) ? Files.list(log) : Stream.of(log)) {
      files =
          parts
              .filter(part -> part.equals(log) || part.getFileName().toString().startsWith("events_"))
              .sorted(Comparator.comparingInt(SparkEventLog::index))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + log, e);
    }
    String appId = null;
    String appName = null;
    Map<String, String> hosts = new TreeMap<>();
    Map<String, Long> tasks = new TreeMap<>();
    for (Path file : files) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          JsonNode event = JSON.readTree(line);
          switch (event.path("Event").asText()) {
            case "SparkListenerApplicationStart" -> {
              appId = event.path("App ID").asText();
              appName = event.path("App Name").asText();
            }
            case "SparkListenerExecutorAdded" ->
                hosts.put(event.path("Executor ID").asText(), event.path("Executor Info").path("Host").asText());
            case "SparkListenerTaskEnd" ->
                tasks.merge(event.path("Task Info").path("Executor ID").asText(), 1L, Long::sum);
            default -> {
              // not about where tasks ran
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return new SparkEventLog(appId, appName, hosts, tasks);
  }

  /** events_N_app-...: N; a single file: 0. */
  private static int index(Path part) {
    String[] fields = part.getFileName().toString().split("_");
    return fields.length > 2 && fields[0].equals("events") ? Integer.parseInt(fields[1]) : 0;
  }
}
