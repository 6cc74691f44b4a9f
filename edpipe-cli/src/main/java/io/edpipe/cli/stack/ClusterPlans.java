package io.edpipe.cli.stack;

import io.edpipe.cli.cluster.ClusterPlan;
import io.edpipe.cli.cluster.Topology;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/** A home's local cluster: its directory, and the cluster id and ports kept in the home's stack.properties. */
final class ClusterPlans {
  private ClusterPlans() {}

  static ClusterPlan of(StackHome home, Topology topology) {
    List<ClusterPlan.KafkaPorts> kafkaPorts = new ArrayList<>();
    for (int id = 1; id <= topology.brokers(); id++) {
      kafkaPorts.add(
          new ClusterPlan.KafkaPorts(
              home.port("cluster.kafka." + id + ".broker-port"), home.port("cluster.kafka." + id + ".controller-port")));
    }
    return new ClusterPlan(
        home.clusterDirectory(),
        topology,
        home.setting("cluster.kafka.cluster-id", () -> Uuid.randomUuid().toString()),
        kafkaPorts,
        home.port("cluster.hdfs.namenode-port"),
        home.port("cluster.spark.master-port"),
        home.port("cluster.spark.master-ui-port"));
  }
}
