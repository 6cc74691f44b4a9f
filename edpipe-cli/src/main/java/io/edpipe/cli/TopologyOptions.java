package io.edpipe.cli;

import io.edpipe.cli.cluster.Topology;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The shape of the home's stack: the embedded one, or a local cluster of so many nodes of each engine. */
final class TopologyOptions {
  @Option(names = "--brokers", paramLabel = "N",
      description = "Kafka brokers (KRaft, each also a controller of the quorum), each its own process; topics get"
          + " min(3, N) replicas, 2 of 3 in sync for a write. Default: the home's (first start: 1, in process).")
  Integer brokers;

  @Option(names = "--datanodes", paramLabel = "N",
      description = "HDFS DataNodes, each its own process beside a NameNode's; blocks get min(3, N) replicas."
          + " Default: the home's (first start: 1, in process).")
  Integer dataNodes;

  @Option(names = "--spark-workers", paramLabel = "N",
      description = "Spark standalone workers (each its own process, executors in their own), beside a master; the"
          + " landing job is submitted to it with the job jar, as spark-submit does. Default: the home's (first"
          + " start: 0, Spark in local mode).")
  Integer sparkWorkers;

  /** The topology asked for, if any option was given; the others as in the embedded stack. */
  Optional<Topology> topology() {
    if (brokers == null && dataNodes == null && sparkWorkers == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Topology(
            brokers != null ? brokers : Topology.EMBEDDED.brokers(),
            dataNodes != null ? dataNodes : Topology.EMBEDDED.dataNodes(),
            sparkWorkers != null ? sparkWorkers : Topology.EMBEDDED.sparkWorkers()));
  }
}
