package io.edpipe.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The inputs {@code edpipe run} has published from a home, by content digest, so that running it again with
 * the same input does not publish the same attempts a second time (they would all land as duplicates).
 */
final class PublishedInputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One published input. */
  record Entry(
      @JsonProperty("sha256") String sha256,
      @JsonProperty("source") String source,
      @JsonProperty("topic") String topic,
      @JsonProperty("bootstrap_servers") String bootstrapServers,
      @JsonProperty("messages") long messages,
      @JsonProperty("published_at") String publishedAt) {
    Entry {
      requireNonNull(sha256, "sha256 is null");
      requireNonNull(topic, "topic is null");
    }
  }

  private final Path file;

  PublishedInputs(Path file) {
    this.file = requireNonNull(file, "file is null");
  }

  Optional<Entry> find(String sha256, String topic, String bootstrapServers) {
    return entries().stream()
        .filter(e -> e.sha256().equals(sha256) && e.topic().equals(topic) && e.bootstrapServers().equals(bootstrapServers))
        .findFirst();
  }

  void add(String sha256, String source, String topic, String bootstrapServers, long messages) {
    List<Entry> entries = new ArrayList<>(entries());
    entries.add(new Entry(sha256, source, topic, bootstrapServers, messages, Instant.now().toString()));
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(temporary.toFile(), entries);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private List<Entry> entries() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " (delete it to forget what was published)", e);
    }
  }

  static String sha256(Path input) {
    try (InputStream in = Files.newInputStream(input)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + input, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Java without SHA-256", e);
    }
  }
}
