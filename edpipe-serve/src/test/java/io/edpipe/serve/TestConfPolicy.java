package io.edpipe.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestConfPolicy {
  @Test
  void customersMayTuneHowQueriesRunAndNothingElse() {
    for (String key :
        new String[] {
          "spark.sql.shuffle.partitions", "spark.sql.session.timeZone", "SPARK.SQL.ANSI.ENABLED",
          "spark.sql.adaptive.enabled", "spark.sql.adaptive.coalescePartitions.enabled",
          "spark.sql.repl.eagerEval.enabled"
        }) {
      assertThat(ConfPolicy.refusesSet(key)).as(key).isEmpty();
    }
    for (String key :
        new String[] {
          "spark.sql.catalog.mine", "spark.sql.catalog.edpipe.warehouse", "spark.sql.defaultCatalog",
          "spark.sql.extensions", "spark.sql.runSQLOnFiles", "spark.wap.branch", "spark.sql.iceberg.vectorization.enabled",
          "spark.sql.legacy.storeAnalyzedPlanForView", "spark.sql.optimizer.excludedRules",
          "spark.hadoop.fs.defaultFS", "spark.sql.warehouse.dir", "spark.sql.sources.useV1SourceList", "", " "
        }) {
      assertThat(ConfPolicy.refusesSet(key)).as(key).isPresent();
    }
  }

  @Test
  void settingsThatLookLikeSecretsAreNotRead() {
    assertThat(ConfPolicy.refusesGet("spark.sql.shuffle.partitions")).isEmpty();
    assertThat(ConfPolicy.refusesGet("spark.hadoop.fs.s3a.secret.key")).isPresent();
    assertThat(ConfPolicy.refusesGet("spark.hadoop.fs.s3a.access.key")).isPresent();
    assertThat(ConfPolicy.refusesGet("spark.kafka.sasl.password")).isPresent();
    assertThat(ConfPolicy.refusesGet("spark.connect.authenticate.token")).isPresent();
    assertThat(ConfPolicy.refusesGet(null)).isPresent();
  }
}
