package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import java.net.URI;
import java.util.Map;

/**
 * Where the lake is and how Spark reaches it.
 *
 * @param warehouse the Iceberg warehouse root, any Hadoop URI: {@code hdfs://namenode:8020/edpipe}, {@code
 *     file:/tmp/lake}
 * @param sparkMaster {@code local[*]}, {@code spark://host:7077}, {@code yarn}...
 * @param sparkConf extra Spark settings (e.g. {@code spark.hadoop.dfs.replication})
 */
public record LakeConfig(URI warehouse, String sparkMaster, Map<String, String> sparkConf) {
  public static final String CATALOG = "edpipe";
  public static final String NAMESPACE = "assessments";

  public LakeConfig {
    requireNonNull(warehouse, "warehouse is null");
    requireNonNull(sparkMaster, "sparkMaster is null");
    sparkConf = Map.copyOf(requireNonNull(sparkConf, "sparkConf is null"));
    if (warehouse.getScheme() == null) {
      throw new PipelineException(
          ErrorCode.BAD_CONFIG,
          "Invalid warehouse %s: must be a URI with a scheme, e.g. hdfs://namenode:8020/edpipe or file:/tmp/lake",
          warehouse);
    }
    if (sparkMaster.isBlank()) {
      throw new PipelineException(ErrorCode.BAD_CONFIG, "Invalid Spark master: empty");
    }
  }

  /**
   * Where edpipe keeps its own state next to the warehouse, on the same file system: the lander's lock and the
   * streams' checkpoints. A sibling, {@code <warehouse>-state}, not a child: the Hadoop catalog would take a
   * directory under the warehouse for a namespace.
   */
  public static URI stateLocation(URI warehouse) {
    String path = warehouse.getPath() == null ? "" : warehouse.getPath().replaceAll("/+$", "");
    if (path.isEmpty()) {
      path = "/edpipe";
    }
    return warehouse.resolve(path + "-state/");
  }

  /** The fully qualified name of a table, e.g. {@code edpipe.assessments.attempts}. */
  public static String qualified(LakeTable table) {
    return CATALOG + "." + NAMESPACE + "." + table.tableName();
  }
}
