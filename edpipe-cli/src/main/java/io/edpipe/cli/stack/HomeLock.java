package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The right to run the embedded stack of a home: one process at a time. Two HDFS NameNodes or Kafka brokers on the
 * same storage would damage it, so the second one is refused, naming the process that holds the home. The lock is
 * the operating system's: it goes with the process, however that ends.
 */
final class HomeLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private HomeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static HomeLock take(StackHome home) {
    requireNonNull(home, "home is null");
    Path file = home.directory().resolve("stack.lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(home.directory());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) { // held in this JVM
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new PipelineException(
            ErrorCode.BAD_USAGE,
            "Cannot start the embedded stack in %s: another edpipe process%s runs it. Start it once with 'edpipe up"
                + " --home %s' and give the other commands the same --home, or use another --home",
            home.directory(), holder.isEmpty() ? "" : " (pid " + holder + ")", home.directory());
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new HomeLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new PipelineException(ErrorCode.STACK_FAILED, e, "Cannot lock %s: %s", file, e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing to keep: the lock goes with the channel or the process
      }
    }
  }
}
