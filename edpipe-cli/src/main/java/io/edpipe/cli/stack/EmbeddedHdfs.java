package io.edpipe.cli.stack;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real HDFS, in-process: one NameNode and one DataNode (Hadoop's MiniDFSCluster), bound to 127.0.0.1. Its
 * storage lives under a directory of its own and survives restarts; the NameNode port is fixed by the caller,
 * because Iceberg's metadata records absolute {@code hdfs://host:port/...} paths.
 */
public final class EmbeddedHdfs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedHdfs.class);

  /** Client settings that a Spark session or HDFS client talking to this cluster should use. */
  public static final Map<String, String> CLIENT_SETTINGS =
      Map.of(
          "dfs.replication", "1",
          "dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20",
          "dfs.client.use.datanode.hostname", "false");

  private final MiniDFSCluster cluster;
  private final URI uri;

  private EmbeddedHdfs(MiniDFSCluster cluster, URI uri) {
    this.cluster = cluster;
    this.uri = uri;
  }

  /** Starts on {@code directory} (formatting it the first time) with the NameNode on {@code port}. */
  public static EmbeddedHdfs start(Path directory, int port) {
    requireNonNull(directory, "directory is null");
    boolean fresh = !Files.isDirectory(directory.resolve("data"));
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.toAbsolutePath().toString());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.namenode.https-address", "127.0.0.1:0");
    conf.set("dfs.namenode.secondary.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.set("dfs.namenode.safemode.extension", "0");
    conf.set("dfs.namenode.file.close.num-committed-allowed", "1");
    conf.set("dfs.permissions.enabled", "false");
    conf.set("dfs.blockreport.initialDelay", "0");
    CLIENT_SETTINGS.forEach(conf::set);
    try {
      Files.createDirectories(directory);
      MiniDFSCluster cluster =
          new MiniDFSCluster.Builder(conf, directory.toAbsolutePath().toFile())
              .nameNodePort(port)
              .numDataNodes(1)
              .format(fresh)
              .manageNameDfsDirs(true)
              .manageDataDfsDirs(true)
              .waitSafeMode(true)
              .checkExitOnShutdown(false)
              .build();
      try {
        cluster.waitActive();
        URI uri = URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
        log.info("HDFS up at {} ({} storage in {})", uri, fresh ? "new" : "existing", directory);
        return new EmbeddedHdfs(cluster, uri);
      } catch (IOException | RuntimeException e) {
        stop(cluster);
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      throw new PipelineException(
          ErrorCode.HDFS_UNAVAILABLE, e, "Cannot start HDFS on port %d in %s: %s", port, directory, e.getMessage());
    }
  }

  /** {@code hdfs://127.0.0.1:port}. */
  public URI uri() {
    return uri;
  }

  /**
   * Stops the DataNode, waits {@code down}, and starts it again on the same ports with the same blocks: what a
   * DataNode restart looks like to clients.
   */
  public void restartDataNode(Duration down) throws IOException, InterruptedException {
    MiniDFSCluster.DataNodeProperties dataNode = cluster.stopDataNode(0);
    log.info("HDFS DataNode stopped for {}", down);
    Thread.sleep(down.toMillis());
    if (!cluster.restartDataNode(dataNode, true)) {
      throw new IOException("Cannot restart the HDFS DataNode");
    }
    cluster.waitActive();
    log.info("HDFS DataNode restarted");
  }

  /** Stops the NameNode, waits {@code down}, and starts it again on the same port from its saved namespace. */
  public void restartNameNode(Duration down) throws IOException, InterruptedException {
    cluster.getNameNode(0).stop();
    cluster.getNameNode(0).join();
    log.info("HDFS NameNode stopped for {}", down);
    Thread.sleep(down.toMillis());
    cluster.restartNameNode(0, true);
    log.info("HDFS NameNode restarted");
  }

  @Override
  public void close() {
    stop(cluster);
  }

  /**
   * Stops the nodes. Not {@link MiniDFSCluster#shutdown()}: it schedules the whole storage directory for deletion
   * when the JVM exits, which would lose every landed table.
   */
  private static void stop(MiniDFSCluster cluster) {
    cluster.shutdownDataNodes();
    cluster.shutdownNameNodes();
  }
}
