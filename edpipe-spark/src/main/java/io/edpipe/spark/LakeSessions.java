package io.edpipe.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark session that sees the lake: the Iceberg catalog, UTC, and its tables by their short names. */
public final class LakeSessions {
  private LakeSessions() {}

  public static SparkSession create(LakeConfig config, String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName).master(config.sparkMaster());
    settings(config).forEach(builder::config);
    return builder.getOrCreate();
  }

  /** Every setting the session gets; {@link LakeConfig#sparkConf()} wins over these. */
  public static Map<String, String> settings(LakeConfig config) {
    String catalog = "spark.sql.catalog." + LakeConfig.CATALOG;
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    settings.put(catalog, "org.apache.iceberg.spark.SparkCatalog");
    settings.put(catalog + ".type", "hadoop");
    settings.put(catalog + ".warehouse", config.warehouse().toString());
    settings.put(catalog + ".default-namespace", LakeConfig.NAMESPACE);
    settings.put("spark.sql.defaultCatalog", LakeConfig.CATALOG);
    settings.put("spark.sql.session.timeZone", "UTC");
    settings.put("spark.sql.shuffle.partitions", "8");
    settings.put("spark.ui.enabled", "false");
    settings.put("spark.ui.showConsoleProgress", "false");
    settings.putAll(config.sparkConf());
    return settings;
  }
}
