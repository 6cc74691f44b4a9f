package io.edpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLandResultFile {
  @Test
  void readsBackWhatItWrote(@TempDir Path directory) {
    LandResult result =
        new LandResult(
            new KafkaRange("attempts", Map.of(0, 10L, 1, 0L), Map.of(0, 1648L, 1, 1642L)),
            Map.of(LakeTable.ATTEMPTS, 3242L, LakeTable.DUPLICATES, 38L, LakeTable.QUARANTINE, 0L),
            5,
            Duration.ofMillis(12_345));
    Path file = directory.resolve("result.json");

    LandResultFile.write(result, file);

    assertThat(LandResultFile.read(file)).isEqualTo(result);
    assertThat(directory.resolve("result.json.tmp")).doesNotExist();
  }

  @Test
  void namesTheFileItCannotRead(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("result.json"), "{\"topic\":\"t\"}");
    assertThatThrownBy(() -> LandResultFile.read(file))
        .hasMessageContaining("Cannot read the landing's result in " + file)
        .hasMessageContaining("no already_landed");
  }
}
