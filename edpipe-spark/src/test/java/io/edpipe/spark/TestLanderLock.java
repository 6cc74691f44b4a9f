package io.edpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLanderLock {
  @TempDir Path directory;

  private URI warehouse() {
    return directory.resolve("warehouse").toUri();
  }

  private Path lockFile() {
    return directory.resolve("warehouse-state").resolve("lander.lock");
  }

  @Test
  void keepsASecondLanderOutUntilReleased() {
    try (LanderLock first = LanderLock.acquire(warehouse(), new Configuration(), "edpipe land --stream")) {
      assertThatThrownBy(() -> LanderLock.acquire(warehouse(), new Configuration(), "edpipe maintain"))
          .isInstanceOf(PipelineException.class)
          .satisfies(e -> assertThat(((PipelineException) e).code()).isEqualTo(ErrorCode.LAKE_LOCKED))
          .hasMessageContaining("Cannot start edpipe maintain: edpipe land --stream (pid " + ProcessHandle.current().pid())
          .hasMessageContaining(lockFile().getFileName().toString());
      first.checkHeld();
    }
    assertThat(lockFile()).doesNotExist();
    LanderLock.acquire(warehouse(), new Configuration(), "edpipe land").close();
  }

  @Test
  void takesOverTheLockOfADeadProcess() throws Exception {
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    writeLock(InetAddress.getLocalHost().getHostName(), dead.pid(), System.currentTimeMillis());

    try (LanderLock lock = LanderLock.acquire(warehouse(), new Configuration(), "edpipe land")) {
      lock.checkHeld();
      assertThat(Files.readString(lockFile())).contains("\"pid\":" + ProcessHandle.current().pid());
    }
  }

  @Test
  void takesOverALockNotRefreshedForAMinuteButNotAFreshOne() throws Exception {
    writeLock("another-host", 1, System.currentTimeMillis());
    assertThatThrownBy(() -> LanderLock.acquire(warehouse(), new Configuration(), "edpipe land"))
        .hasMessageContaining("pid 1 on another-host");

    writeLock("another-host", 1, System.currentTimeMillis() - LanderLock.STALE_AFTER.toMillis() - 5_000);
    LanderLock.acquire(warehouse(), new Configuration(), "edpipe land").close();
  }

  @Test
  void aLanderWhoseLockWasTakenOverStopsBeforeItsNextCommit() throws Exception {
    try (LanderLock presumedDead = LanderLock.acquire(warehouse(), new Configuration(), "edpipe land")) {
      writeLock("another-host", 7, System.currentTimeMillis());

      assertThatThrownBy(presumedDead::checkHeld)
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("Lost the lander lock")
          .hasMessageContaining("pid 7 on another-host");
    }
    assertThat(Files.readString(lockFile())).as("not released by the loser").contains("another-host");
  }

  private void writeLock(String host, long pid, long modifiedMillis) throws IOException {
    Files.createDirectories(lockFile().getParent());
    Files.deleteIfExists(lockFile().resolveSibling(".lander.lock.crc")); // Hadoop's local checksum of the last one
    Files.writeString(
        lockFile(),
        "{\"id\":\"other\",\"purpose\":\"edpipe land\",\"host\":\"" + host + "\",\"pid\":" + pid
            + ",\"since\":\"2026-11-30T10:00:00Z\"}",
        StandardCharsets.UTF_8);
    Files.setLastModifiedTime(lockFile(), java.nio.file.attribute.FileTime.fromMillis(modifiedMillis));
  }
}
