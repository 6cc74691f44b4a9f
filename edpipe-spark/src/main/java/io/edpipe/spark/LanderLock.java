package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences writers of one warehouse's tables: one lander (batch, stream or maintenance) at a time. Two landers at
 * once would both append the messages neither has landed yet.
 *
 * <p>The lock is a file next to the warehouse ({@link LakeConfig#stateLocation}), created exclusively, naming its
 * holder. The holder refreshes its modification time every {@link #HEARTBEAT}; a lock whose holder is a dead
 * process on this host, or that has not been refreshed for {@link #STALE_AFTER}, is taken over, so that a lander
 * killed with -9 never blocks the next. Landers also check that they still hold it before each commit.
 */
public final class LanderLock implements AutoCloseable {
  static final Duration HEARTBEAT = Duration.ofSeconds(10);
  static final Duration STALE_AFTER = Duration.ofSeconds(60);
  private static final String FILE_NAME = "lander.lock";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(LanderLock.class);

  private final FileSystem fs;
  private final Path path;
  private final Holder self;
  private final ScheduledExecutorService heartbeat;

  private LanderLock(FileSystem fs, Path path, Holder self) {
    this.fs = fs;
    this.path = path;
    this.self = self;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "edpipe-lander-lock-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    heartbeat.scheduleWithFixedDelay(this::refresh, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Who holds a lock. */
  record Holder(String id, String purpose, String host, long pid, Instant since) {
    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("id", id);
      map.put("purpose", purpose);
      map.put("host", host);
      map.put("pid", pid);
      map.put("since", since.toString());
      return map;
    }

    static Holder of(JsonNode node) {
      return new Holder(
          node.path("id").asText(),
          node.path("purpose").asText(),
          node.path("host").asText(),
          node.path("pid").asLong(),
          Instant.parse(node.path("since").asText(Instant.EPOCH.toString())));
    }

    @Override
    public String toString() {
      return purpose + " (pid " + pid + " on " + host + ", since " + since + ")";
    }
  }

  /** Takes the lock of the warehouse the session's catalog points at. */
  public static LanderLock acquire(SparkSession spark, String purpose) {
    URI warehouse = URI.create(spark.conf().get("spark.sql.catalog." + LakeConfig.CATALOG + ".warehouse"));
    return acquire(warehouse, spark.sparkContext().hadoopConfiguration(), purpose);
  }

  /** Who holds the lock of the session's warehouse now, if anyone: for {@code status}. */
  public static Optional<String> holder(SparkSession spark) {
    URI warehouse = URI.create(spark.conf().get("spark.sql.catalog." + LakeConfig.CATALOG + ".warehouse"));
    Path path = new Path(LakeConfig.stateLocation(warehouse).resolve(FILE_NAME));
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Optional<Holder> holder = read(fs, path);
      if (holder.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> staleness = staleness(fs, path, holder.get());
      return Optional.of(holder.get() + staleness.map(why -> "; stale: " + why).orElse(""));
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.HDFS_UNAVAILABLE, e, "Cannot read the lander lock %s: %s", path, e.getMessage());
    }
  }

  public static LanderLock acquire(URI warehouse, Configuration conf, String purpose) {
    requireNonNull(purpose, "purpose is null");
    Path path = new Path(LakeConfig.stateLocation(warehouse).resolve(FILE_NAME));
    Holder self = new Holder(UUID.randomUUID().toString(), purpose, hostName(), ProcessHandle.current().pid(), Instant.now());
    try {
      FileSystem fs = path.getFileSystem(conf);
      fs.mkdirs(path.getParent());
      for (int attempt = 0; attempt < 3; attempt++) {
        Creation creation = tryCreate(fs, path, self);
        if (creation == Creation.CREATED) {
          log.info("Took the lander lock {}", path);
          return new LanderLock(fs, path, self);
        }
        if (creation == Creation.UNFINISHED) {
          // a lander killed while it created the lock left it open: its lease would keep every lander out until
          // HDFS recovers it (a minute or more); a file left open holds no holder to wait for
          log.warn("Taking over the lander lock {}: another client created it and never closed it", path);
          fs.delete(path, false);
          continue;
        }
        Optional<Holder> holder = read(fs, path);
        if (holder.isEmpty()) {
          continue; // released between our create and our read
        }
        Optional<String> staleness = staleness(fs, path, holder.get());
        if (staleness.isEmpty()) {
          throw new PipelineException(
              ErrorCode.LAKE_LOCKED,
              "Cannot start %s: %s is already writing to these tables (lock %s). Stop it first; if it is gone for"
                  + " good, its lock is taken over %d s after it last refreshed it",
              purpose, holder.get(), path, STALE_AFTER.toSeconds());
        }
        log.warn("Taking over the lander lock {} of {}: {}", path, holder.get(), staleness.get());
        fs.delete(path, false);
      }
      throw new PipelineException(ErrorCode.LAKE_LOCKED, "Cannot take the lander lock %s: other landers keep taking it", path);
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.HDFS_UNAVAILABLE, e, "Cannot take the lander lock %s: %s", path, e.getMessage());
    }
  }

  /** What creating the lock file came to. */
  private enum Creation {
    CREATED,
    /** The lock exists: someone holds it, or held it. */
    EXISTS,
    /** The lock file is still open for writing by another client (HDFS: AlreadyBeingCreatedException). */
    UNFINISHED
  }

  private static Creation tryCreate(FileSystem fs, Path path, Holder self) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      JSON.writeValue(out, self.toMap());
      return Creation.CREATED;
    } catch (FileAlreadyExistsException e) {
      return Creation.EXISTS;
    } catch (IOException e) {
      // HDFS reports these as RemoteExceptions naming the exception class
      String message = String.valueOf(e.getMessage());
      if (message.contains("AlreadyBeingCreatedException") || message.contains("lease is currently owned by")) {
        return Creation.UNFINISHED;
      }
      if (fs.exists(path) && message.contains("already exists")) {
        return Creation.EXISTS;
      }
      throw e;
    }
  }

  private static Optional<Holder> read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return Optional.of(Holder.of(JSON.readTree(in)));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (!fs.exists(path)) {
        return Optional.empty();
      }
      // a holder that died while writing it leaves it empty or cut short
      return Optional.of(new Holder("", "unknown", "", -1, Instant.EPOCH));
    }
  }

  /** Why the lock can be taken over, if it can. */
  private static Optional<String> staleness(FileSystem fs, Path path, Holder holder) throws IOException {
    if (holder.host().equals(hostName()) && holder.pid() > 0 && ProcessHandle.of(holder.pid()).isEmpty()) {
      return Optional.of("its process is gone");
    }
    long refreshed;
    try {
      refreshed = fs.getFileStatus(path).getModificationTime();
    } catch (FileNotFoundException e) {
      return Optional.of("it was released");
    }
    Duration age = Duration.between(Instant.ofEpochMilli(refreshed), Clock.systemUTC().instant());
    if (age.compareTo(STALE_AFTER) > 0) {
      return Optional.of("not refreshed for " + age.toSeconds() + " s");
    }
    return Optional.empty();
  }

  /** Fails if another lander took the lock over since (this one was presumed dead). */
  public void checkHeld() {
    Optional<Holder> holder;
    try {
      holder = read(fs, path);
    } catch (IOException e) {
      throw new PipelineException(ErrorCode.HDFS_UNAVAILABLE, e, "Cannot read the lander lock %s: %s", path, e.getMessage());
    }
    if (holder.isEmpty() || !holder.get().id().equals(self.id())) {
      throw new PipelineException(
          ErrorCode.LAKE_LOCKED,
          "Lost the lander lock %s to %s: stopping before the next commit",
          path, holder.map(Holder::toString).orElse("nobody (it was deleted)"));
    }
  }

  private void refresh() {
    try {
      fs.setTimes(path, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      log.warn("Cannot refresh the lander lock {}: {}", path, e.toString());
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      Optional<Holder> holder = read(fs, path);
      if (holder.isPresent() && holder.get().id().equals(self.id())) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      log.warn("Cannot release the lander lock {}: {}", path, e.toString());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
