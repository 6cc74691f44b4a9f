package io.edpipe.cli.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;

/**
 * A local HDFS: a NameNode and DataNodes, each its own JVM running Hadoop's own main classes from edpipe's jars,
 * configured with {@code -D} options (Hadoop's generic options), storage under the cluster's directory.
 */
final class HdfsNodes implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final String NAMENODE_MAIN = "org.apache.hadoop.hdfs.server.namenode.NameNode";
  private static final String DATANODE_MAIN = "org.apache.hadoop.hdfs.server.datanode.DataNode";

  private final ClusterPlan plan;
  private final URI uri;
  private NodeProcess nameNode;
  private final Map<Integer, NodeProcess> dataNodes = new TreeMap<>();

  private HdfsNodes(ClusterPlan plan) {
    this.plan = plan;
    this.uri = URI.create("hdfs://127.0.0.1:" + plan.nameNodePort());
  }

  /** Formats a new NameNode's storage, then starts the nodes; {@link #awaitReady()} waits for them. */
  static HdfsNodes launch(ClusterPlan plan) {
    HdfsNodes hdfs = new HdfsNodes(plan);
    try {
      hdfs.formatIfNew();
      hdfs.nameNode =
          NodeProcess.start(plan, "HDFS NameNode", JavaCommand.ofOwnClassPath("512m", NAMENODE_MAIN, hdfs.nameNodeOptions()), Map.of(),
              plan.log("namenode"));
      for (int i = 1; i <= plan.topology().dataNodes(); i++) {
        hdfs.launchDataNode(i);
      }
      return hdfs;
    } catch (RuntimeException e) {
      hdfs.close();
      throw e;
    }
  }

  /** Waits until the NameNode has every DataNode and has left safe mode. */
  void awaitReady() {
    awaitDataNodes(plan.topology().dataNodes());
  }

  URI uri() {
    return uri;
  }

  /** The settings of a client of this HDFS: blocks replicated min(3, DataNodes) times, writes that outlive a node. */
  static Map<String, String> clientSettings(int dataNodes) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("dfs.replication", String.valueOf(Math.min(3, dataNodes)));
    settings.put("dfs.client.use.datanode.hostname", "false");
    // When a DataNode of a block's pipeline dies, go on with the others rather than fail the write if no
    // replacement can be found (a small cluster has none); the NameNode re-replicates the block later.
    settings.put("dfs.client.block.write.replace-datanode-on-failure.best-effort", "true");
    return settings;
  }

  Map<Integer, Long> dataNodePids() {
    Map<Integer, Long> pids = new TreeMap<>();
    dataNodes.forEach((index, node) -> {
      if (node.isAlive()) {
        pids.put(index, node.pid());
      }
    });
    return pids;
  }

  long nameNodePid() {
    return nameNode.pid();
  }

  /** Kills DataNode {@code index} (1-based) at once (SIGKILL). */
  void killDataNode(int index) {
    NodeProcess node = dataNodes.get(index);
    if (node == null) {
      throw new IllegalArgumentException("no DataNode " + index);
    }
    node.kill();
  }

  /** Live DataNodes, as the NameNode sees them. */
  int liveDataNodes() {
    try (FileSystem fs = FileSystem.newInstance(uri, clientConfiguration())) {
      return ((DistributedFileSystem) fs).getDataNodeStats(HdfsConstants.DatanodeReportType.LIVE).length;
    } catch (IOException e) {
      return 0;
    }
  }

  private boolean inSafeMode() {
    try (FileSystem fs = FileSystem.newInstance(uri, clientConfiguration())) {
      return ((DistributedFileSystem) fs).isInSafeMode();
    } catch (IOException e) {
      return true;
    }
  }

  private void awaitDataNodes(int count) {
    List<NodeProcess> running = new ArrayList<>(dataNodes.values());
    running.add(nameNode);
    Await.until(count + " HDFS DataNodes", READY_TIMEOUT, running, () -> liveDataNodes() >= count && !inSafeMode());
  }

  private Configuration clientConfiguration() {
    Configuration conf = new Configuration();
    clientSettings(plan.topology().dataNodes()).forEach(conf::set);
    conf.set("ipc.client.connect.max.retries", "1");
    conf.set("ipc.client.connect.retry.interval", "200");
    return conf;
  }

  private void formatIfNew() {
    if (Files.isRegularFile(nameDirectory().resolve("current").resolve("VERSION"))) {
      return;
    }
    List<String> arguments = new ArrayList<>(nameNodeOptions());
    arguments.addAll(List.of("-format", "-nonInteractive", "-force"));
    NodeProcess format =
        NodeProcess.start(plan, "HDFS NameNode format", JavaCommand.ofOwnClassPath("256m", NAMENODE_MAIN, arguments), Map.of(),
            plan.log("namenode-format"));
    int exit = format.waitFor(Duration.ofMinutes(2));
    if (exit != 0) {
      throw format.failure("failed (exit code " + exit + ")");
    }
  }

  private void launchDataNode(int index) {
    List<String> options = common();
    define(options, "dfs.datanode.data.dir", plan.hdfs().resolve("data-" + index).toUri().toString());
    define(options, "dfs.datanode.address", "127.0.0.1:0");
    define(options, "dfs.datanode.http.address", "127.0.0.1:0");
    define(options, "dfs.datanode.ipc.address", "127.0.0.1:0");
    define(options, "dfs.datanode.hostname", "127.0.0.1");
    define(options, "dfs.datanode.du.reserved", "0");
    dataNodes.put(
        index,
        NodeProcess.start(plan, "HDFS DataNode " + index, JavaCommand.ofOwnClassPath("256m", DATANODE_MAIN, options), Map.of(),
            plan.log("datanode-" + index)));
  }

  private Path nameDirectory() {
    return plan.hdfs().resolve("name");
  }

  private List<String> nameNodeOptions() {
    List<String> options = common();
    define(options, "dfs.namenode.name.dir", nameDirectory().toUri().toString());
    define(options, "dfs.namenode.rpc-bind-host", "127.0.0.1");
    define(options, "dfs.namenode.http-address", "127.0.0.1:0");
    define(options, "dfs.namenode.https-address", "127.0.0.1:0");
    define(options, "dfs.namenode.secondary.http-address", "127.0.0.1:0");
    define(options, "dfs.namenode.safemode.extension", "0");
    define(options, "dfs.namenode.datanode.registration.ip-hostname-check", "false");
    // a killed DataNode is declared dead after 2 x 5 s + 10 x 1 s (default: 10.5 minutes)
    define(options, "dfs.namenode.heartbeat.recheck-interval", "5000");
    define(options, "dfs.namenode.redundancy.interval.seconds", "1");
    define(options, "dfs.permissions.enabled", "false");
    return options;
  }

  /** Settings of every node. */
  private List<String> common() {
    List<String> options = new ArrayList<>();
    define(options, "fs.defaultFS", uri.toString());
    define(options, "dfs.namenode.rpc-address", "127.0.0.1:" + plan.nameNodePort());
    define(options, "hadoop.tmp.dir", plan.hdfs().resolve("tmp").toString());
    define(options, "dfs.heartbeat.interval", "1");
    define(options, "dfs.blockreport.initialDelay", "0");
    clientSettings(plan.topology().dataNodes()).forEach((key, value) -> define(options, key, value));
    return options;
  }

  private static void define(List<String> options, String key, String value) {
    options.add("-D");
    options.add(key + "=" + value);
  }

  /** Stops the DataNodes, then the NameNode. */
  @Override
  public void close() {
    dataNodes.values().forEach(node -> ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroy));
    dataNodes.values().forEach(NodeProcess::close);
    if (nameNode != null) {
      nameNode.close();
    }
  }
}
