package io.edpipe.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import io.edpipe.spark.LakeConfig;
import io.edpipe.spark.LanderLock;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedHdfsIT {
  private static final org.apache.hadoop.fs.Path FILE = new org.apache.hadoop.fs.Path("/edpipe/hello.txt");

  @TempDir Path directory;

  @Test
  void keepsFilesAcrossProcessesOnTheSamePort() throws Exception {
    int port = freePort();
    // Another JVM starts HDFS, writes, stops and exits: what it wrote must survive its exit.
    Process writer =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Writer.class.getName(),
                    directory.toString(),
                    String.valueOf(port)))
            .inheritIO()
            .start();
    assertThat(writer.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(writer.exitValue()).isZero();

    try (EmbeddedHdfs hdfs = EmbeddedHdfs.start(directory, port);
        FileSystem fs = FileSystem.newInstance(hdfs.uri(), new Configuration());
        FSDataInputStream in = fs.open(FILE)) {
      assertThat(hdfs.uri().toString()).isEqualTo("hdfs://127.0.0.1:" + port);
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("landed");
    }
  }

  @Test
  void aLanderLockLeftOpenByItsCreatorIsTakenOver() throws Exception {
    try (EmbeddedHdfs hdfs = EmbeddedHdfs.start(directory, freePort());
        FileSystem creator = FileSystem.newInstance(hdfs.uri(), new Configuration())) {
      URI warehouse = StackSession.warehouseOn(hdfs.uri());
      // as a lander killed between creating its lock and closing it leaves it: open, its lease held
      FSDataOutputStream unfinished =
          creator.create(new org.apache.hadoop.fs.Path(LakeConfig.stateLocation(warehouse).resolve("lander.lock")), false);
      unfinished.write("{\"id\":".getBytes(StandardCharsets.UTF_8));
      unfinished.hflush();

      try (LanderLock lock = LanderLock.acquire(warehouse, new Configuration(), "edpipe land")) {
        lock.checkHeld();
      }
    }
  }

  /** Starts HDFS in {@code args[0]} on port {@code args[1]}, writes {@link #FILE}, stops. */
  public static final class Writer {
    public static void main(String[] args) throws IOException {
      try (EmbeddedHdfs hdfs = EmbeddedHdfs.start(Path.of(args[0]), Integer.parseInt(args[1]));
          FileSystem fs = FileSystem.newInstance(hdfs.uri(), new Configuration());
          FSDataOutputStream out = fs.create(FILE)) {
        out.write("landed".getBytes(StandardCharsets.UTF_8));
      }
      System.exit(0); // as the CLI does: non-daemon threads must not matter
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
