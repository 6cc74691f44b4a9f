package io.edpipe.spark;

import io.edpipe.core.error.ErrorCode;
import io.edpipe.core.error.PipelineException;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/** The Iceberg API's view of a landed table, for what Spark SQL does not show (snapshots, their summaries). */
final class IcebergTables {
  private IcebergTables() {}

  static Table load(SparkSession spark, LakeTable table) {
    try {
      return Spark3Util.loadIcebergTable(spark, LakeConfig.qualified(table));
    } catch (Exception e) { // Scala declares none of Spark's exceptions: ParseException, NoSuchTableException
      throw new PipelineException(ErrorCode.INTERNAL, e, "Cannot load table %s", LakeConfig.qualified(table));
    }
  }
}
