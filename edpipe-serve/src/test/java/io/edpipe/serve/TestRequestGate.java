package io.edpipe.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.Catalog;
import org.apache.spark.connect.proto.ClearCache;
import org.apache.spark.connect.proto.Command;
import org.apache.spark.connect.proto.CommonInlineUserDefinedFunction;
import org.apache.spark.connect.proto.ConfigRequest;
import org.apache.spark.connect.proto.CreateDataFrameViewCommand;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.Expression;
import org.apache.spark.connect.proto.Filter;
import org.apache.spark.connect.proto.KeyValue;
import org.apache.spark.connect.proto.ListTables;
import org.apache.spark.connect.proto.MapPartitions;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Project;
import org.apache.spark.connect.proto.Read;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.SqlCommand;
import org.apache.spark.connect.proto.WriteOperation;
import org.junit.jupiter.api.Test;

/** The request gate on Spark Connect's own protocol messages, as clients build them. */
class TestRequestGate {
  private static final Relation ATTEMPTS =
      Relation.newBuilder().setRead(Read.newBuilder().setNamedTable(Read.NamedTable.newBuilder().setUnparsedIdentifier("attempts"))).build();

  @Test
  void letsQueriesSqlAndTheSessionsOwnViewsThrough() {
    assertThat(execute(query(ATTEMPTS))).isEmpty();
    assertThat(execute(query(Relation.newBuilder().setSql(SQL.newBuilder().setQuery("SELECT 1")).build()))).isEmpty();
    assertThat(execute(command(Command.newBuilder().setSqlCommand(SqlCommand.newBuilder().setSql("SELECT 1")).build())))
        .isEmpty();
    assertThat(
            execute(
                command(
                    Command.newBuilder()
                        .setCreateDataframeView(CreateDataFrameViewCommand.newBuilder().setInput(ATTEMPTS).setName("v"))
                        .build())))
        .isEmpty();
    assertThat(execute(query(catalog(Catalog.newBuilder().setListTables(ListTables.getDefaultInstance()).build()))))
        .isEmpty();
  }

  @Test
  void refusesWhatHappensBeforeThereIsAPlanToCheck() {
    // user code, deep inside a query
    Relation udf =
        Relation.newBuilder()
            .setFilter(
                Filter.newBuilder()
                    .setInput(ATTEMPTS)
                    .setCondition(
                        Expression.newBuilder()
                            .setCommonInlineUserDefinedFunction(
                                CommonInlineUserDefinedFunction.newBuilder().setFunctionName("f"))))
            .build();
    assertThat(execute(query(udf))).contains("user-defined functions are not allowed");
    Relation map = Relation.newBuilder().setMapPartitions(MapPartitions.newBuilder().setInput(ATTEMPTS)).build();
    assertThat(execute(query(Relation.newBuilder().setProject(Project.newBuilder().setInput(map)).build())))
        .contains("running user code (map_partitions) is not allowed");
    Relation files =
        Relation.newBuilder()
            .setRead(Read.newBuilder().setDataSource(Read.DataSource.newBuilder().setFormat("parquet").addPaths("/lake")))
            .build();
    assertThat(execute(query(files))).get().asString().startsWith("reading files or data sources is not allowed");
    Relation options =
        Relation.newBuilder()
            .setRead(
                Read.newBuilder()
                    .setNamedTable(
                        Read.NamedTable.newBuilder().setUnparsedIdentifier("attempts").putOptions("snapshot-id", "1")))
            .build();
    assertThat(execute(query(options))).get().asString().contains("read options are not allowed");
    assertThat(execute(command(Command.newBuilder().setWriteOperation(WriteOperation.newBuilder().setInput(ATTEMPTS)).build())))
        .contains("writing (write_operation) is not allowed");
    assertThat(
            execute(
                command(
                    Command.newBuilder()
                        .setCreateDataframeView(
                            CreateDataFrameViewCommand.newBuilder().setInput(ATTEMPTS).setName("v").setIsGlobal(true))
                        .build())))
        .get()
        .asString()
        .startsWith("global temporary views are not allowed");
    assertThat(execute(query(catalog(Catalog.newBuilder().setClearCache(ClearCache.getDefaultInstance()).build()))))
        .get()
        .asString()
        .startsWith("catalog.clearCache is not allowed");
    assertThat(
            execute(
                query(
                    Relation.newBuilder()
                        .setProject(
                            Project.newBuilder()
                                .setInput(ATTEMPTS)
                                .addExpressions(
                                    Expression.newBuilder()
                                        .setUnresolvedFunction(
                                            Expression.UnresolvedFunction.newBuilder().setFunctionName("JAVA_METHOD"))))
                        .build())))
        .get()
        .asString()
        .startsWith("JAVA_METHOD is not allowed");
  }

  @Test
  void refusesUploadsCachingAndUnknownCalls() {
    assertThat(RequestGate.refusal("AddArtifacts", null)).contains("uploading jars, classes, files or cached local data is not allowed");
    assertThat(RequestGate.refusal("CloneSession", null)).contains("CloneSession is not allowed");
    AnalyzePlanRequest persist =
        AnalyzePlanRequest.newBuilder()
            .setPersist(AnalyzePlanRequest.Persist.newBuilder().setRelation(ATTEMPTS))
            .build();
    assertThat(RequestGate.refusal("AnalyzePlan", persist)).get().asString().startsWith("persist is not allowed");
    AnalyzePlanRequest schema =
        AnalyzePlanRequest.newBuilder()
            .setSchema(AnalyzePlanRequest.Schema.newBuilder().setPlan(Plan.newBuilder().setRoot(ATTEMPTS)))
            .build();
    assertThat(RequestGate.refusal("AnalyzePlan", schema)).isEmpty();
  }

  @Test
  void checksTheSettingsAClientSetsOrReads() {
    assertThat(config(ConfigRequest.Operation.newBuilder().setSet(set("spark.sql.shuffle.partitions", "4")).build())).isEmpty();
    assertThat(config(ConfigRequest.Operation.newBuilder().setSet(set("spark.sql.catalog.x", "y")).build()))
        .get()
        .asString()
        .startsWith("setting spark.sql.catalog.x is not allowed");
    assertThat(config(ConfigRequest.Operation.newBuilder().setGetAll(ConfigRequest.GetAll.getDefaultInstance()).build()))
        .get()
        .asString()
        .startsWith("listing all settings");
    assertThat(
            config(
                ConfigRequest.Operation.newBuilder()
                    .setGet(ConfigRequest.Get.newBuilder().addKeys("spark.hadoop.fs.s3a.secret.key"))
                    .build()))
        .isPresent();
  }

  private static java.util.Optional<String> execute(Plan plan) {
    return RequestGate.refusal("ExecutePlan", ExecutePlanRequest.newBuilder().setPlan(plan).build());
  }

  private static java.util.Optional<String> config(ConfigRequest.Operation operation) {
    return RequestGate.refusal("Config", ConfigRequest.newBuilder().setOperation(operation).build());
  }

  private static ConfigRequest.Set set(String key, String value) {
    return ConfigRequest.Set.newBuilder().addPairs(KeyValue.newBuilder().setKey(key).setValue(value)).build();
  }

  private static Plan query(Relation root) {
    return Plan.newBuilder().setRoot(root).build();
  }

  private static Plan command(Command command) {
    return Plan.newBuilder().setCommand(command).build();
  }

  private static Relation catalog(Catalog catalog) {
    return Relation.newBuilder().setCatalog(catalog).build();
  }
}
