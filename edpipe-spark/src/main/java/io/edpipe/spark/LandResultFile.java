package io.edpipe.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link LandResult} as JSON in a file: how a landing job submitted to a cluster ({@link LandJob} {@code --result})
 * tells the process that submitted it what it did.
 */
public final class LandResultFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LandResultFile() {}

  /** Writes {@code result} to {@code file}, whole or not at all. */
  public static void write(LandResult result, Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("topic", result.range().topic());
    ObjectNode start = root.putObject("start");
    result.range().start().forEach((partition, offset) -> start.put(String.valueOf(partition), offset));
    ObjectNode end = root.putObject("end");
    result.range().end().forEach((partition, offset) -> end.put(String.valueOf(partition), offset));
    ObjectNode added = root.putObject("added_rows");
    result.addedRows().forEach((table, rows) -> added.put(table.name(), rows));
    root.put("already_landed", result.alreadyLanded());
    root.put("elapsed_ms", result.elapsed().toMillis());
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(temporary.toFile(), root);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the landing's result to " + file, e);
    }
  }

  public static LandResult read(Path file) {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      Map<LakeTable, Long> added = new EnumMap<>(LakeTable.class);
      for (Iterator<Map.Entry<String, JsonNode>> fields = root.path("added_rows").fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        added.put(LakeTable.valueOf(field.getKey()), field.getValue().asLong());
      }
      return new LandResult(
          new KafkaRange(required(root, "topic", file).asText(), offsets(root.path("start")), offsets(root.path("end"))),
          added,
          required(root, "already_landed", file).asLong(),
          Duration.ofMillis(required(root, "elapsed_ms", file).asLong()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("Cannot read the landing's result in " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode root, String field, Path file) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("no " + field + " in " + file);
    }
    return node;
  }

  private static Map<Integer, Long> offsets(JsonNode node) {
    Map<Integer, Long> offsets = new TreeMap<>();
    node.fields().forEachRemaining(field -> offsets.put(Integer.parseInt(field.getKey()), field.getValue().asLong()));
    return offsets;
  }
}
