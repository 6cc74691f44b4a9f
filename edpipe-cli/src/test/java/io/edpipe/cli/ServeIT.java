package io.edpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edpipe.cli.stack.Endpoints;
import io.edpipe.core.table.ResultTable;
import io.edpipe.serve.ConnectClient;
import io.edpipe.serve.TokenFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two customers landed side by side on the embedded stack, served by {@code edpipe serve}: each client sees
 * exactly its customer's rows, and every way around that we know of fails or returns only the caller's rows.
 * Clients are Spark Connect sessions (the server jar's own client classes), as a data scientist's notebook would
 * open, plus {@code edpipe sql} in a child JVM.
 */
class ServeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACME = "acme";
  private static final String GLOBEX = "globex";

  @TempDir static Path work;

  private static Process up;
  /** The session the SQL bypasses run in, one after the other: a refused query leaves a session as it was. */
  private static ConnectClient acmeSession;
  private static CliProcess serve;
  private static String remote;
  private static String warehouse;
  private static final Map<String, String> TOKENS = new java.util.HashMap<>();
  private static final Map<String, Expected> EXPECTED = new java.util.HashMap<>();

  /** A customer's rows as the fixture has them. */
  private record Expected(Set<String> keenIds, Set<String> exams, int questions, int options) {}

  @BeforeAll
  static void landTwoCustomersAndServe() throws Exception {
    List<String> sample;
    try (InputStream in = ServeIT.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      sample = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
    Path acmeFile = write("acme.jsonl", sample.subList(0, 5));
    Path globexFile = write("globex.jsonl", sample.subList(5, 10));
    EXPECTED.put(ACME, expected(sample.subList(0, 5)));
    EXPECTED.put(GLOBEX, expected(sample.subList(5, 10)));

    Path home = work.resolve("home");
    Files.createDirectories(home);
    up =
        new ProcessBuilder(CliRun.command("up", "--home", home.toString()))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("up.log").toFile())
            .start();
    await().atMost(Duration.ofMinutes(3)).until(() -> Endpoints.ofRunningStack(home.resolve("endpoints.json")).isPresent());
    warehouse = Endpoints.ofRunningStack(home.resolve("endpoints.json")).orElseThrow().warehouse().toString();
    String h = home.toString();
    succeed(CliRun.of("topic", "create", "--home", h, "--partitions", "2"));
    assertThat(succeed(CliRun.of("publish", "--home", h, "--customer", ACME, acmeFile.toString())).out())
        .contains("publish: 5 messages", "customer acme");
    succeed(CliRun.of("publish", "--home", h, "--customer", GLOBEX, globexFile.toString()));
    assertThat(succeed(CliRun.of("land", "--home", h)).out()).contains("10 attempts");

    Path tokens = work.resolve("tokens");
    TOKENS.put(ACME, succeed(CliRun.of("token", "--tokens", tokens.toString(), "--customer", ACME)).out().strip());
    TOKENS.put(GLOBEX, TokenFile.add(tokens, GLOBEX, "made in-process, as edpipe token does"));
    assertThat(Files.readString(tokens)).doesNotContain(TOKENS.get(ACME)).contains("sha256:");

    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    remote = "sc://localhost:" + port;
    serve =
        CliProcess.start(
            work.resolve("logs"), "serve", List.of(), "serve", "--home", h, "--tokens", tokens.toString(), "--port",
            String.valueOf(port));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> serve.out().contains("edpipe serve: Spark Connect on") || !serve.isAlive());
    assertThat(serve.isAlive()).as(serve.toString()).isTrue();
  }

  @AfterAll
  static void stop() throws Exception {
    if (acmeSession != null) {
      acmeSession.close();
    }
    if (serve != null) {
      serve.terminate();
      serve.waitFor(Duration.ofMinutes(1));
    }
    if (up != null) {
      up.destroy();
      up.waitFor(2, TimeUnit.MINUTES);
    }
  }

  @Test
  void eachCustomerSeesExactlyItsOwnRows() {
    for (String customer : List.of(ACME, GLOBEX)) {
      Expected expected = EXPECTED.get(customer);
      try (ConnectClient client = client(customer)) {
        assertThat(column(client.sql("SELECT keen_id FROM attempts", 1000), 0)).isEqualTo(expected.keenIds());
        assertThat(column(client.sql("SELECT DISTINCT customer FROM attempts", 1000), 0)).containsExactly(customer);
        assertThat(count(client, "SELECT count(*) FROM questions")).isEqualTo(expected.questions());
        assertThat(count(client, "SELECT count(*) FROM options")).isEqualTo(expected.options());
        assertThat(column(client.sql("SELECT DISTINCT keen_id FROM options", 1000), 0)).isEqualTo(expected.keenIds());
        assertThat(count(client, "SELECT count(*) FROM duplicates")).isZero();
        assertThat(count(client, "SELECT count(*) FROM quarantine")).isZero();
        assertThat(column(client.sql("SELECT DISTINCT exam_name FROM exam_stats", 1000), 0))
            .as("the item statistics of its own exams only")
            .isEqualTo(expected.exams());
        assertThat(column(client.sql("SELECT DISTINCT exam_name FROM item_stats", 1000), 0))
            .isSubsetOf(expected.exams());
      }
    }
  }

  /** SQL that could reach another customer's rows: each fails, or returns only the caller's. */
  static Stream<Arguments> sqlBypasses() {
    return Stream.of(
        denied("the base table by its catalog name", "SELECT * FROM edpipe.assessments.attempts", "qualified table names"),
        denied("the namespace", "SELECT * FROM assessments.attempts", "qualified table names"),
        denied("another catalog", "SELECT * FROM spark_catalog.default.attempts", "qualified table names"),
        denied("the table's files by path", "SELECT * FROM parquet.`" + "%WAREHOUSE%/assessments/attempts/data`", "qualified table names"),
        denied("a local file by path", "SELECT * FROM json.`file:/etc/passwd`", "qualified table names"),
        denied("an Iceberg metadata table", "SELECT * FROM attempts.snapshots", "qualified table names"),
        denied("time travel", "SELECT * FROM attempts TIMESTAMP AS OF '2999-01-01 00:00:00'", "time travel"),
        denied("a table named in a string", "SELECT * FROM IDENTIFIER('edpipe.assessments.attempts')", "IDENTIFIER"),
        denied("SQL run from a string", "EXECUTE IMMEDIATE 'SELECT * FROM edpipe.assessments.attempts'", "EXECUTE IMMEDIATE"),
        // Spark 4 runs a procedure during analysis: it must be refused before it runs, by name
        denied("an Iceberg procedure", "CALL edpipe.system.expire_snapshots(table => 'assessments.attempts', older_than => TIMESTAMP '2999-01-01 00:00:00', retain_last => 1)", "CALL is not allowed"),
        denied("an Iceberg procedure that only writes metadata", "CALL edpipe.system.rollback_to_timestamp('assessments.attempts', TIMESTAMP '2000-01-01 00:00:00')", "CALL is not allowed"),
        denied("DDL", "DROP TABLE attempts", "DropTable is not allowed"),
        denied("CREATE TABLE AS", "CREATE TABLE stolen AS SELECT * FROM attempts", "not allowed"),
        denied("ALTER TABLE", "ALTER TABLE attempts SET TBLPROPERTIES ('x' = 'y')", "not allowed"),
        denied("DML: INSERT", "INSERT INTO attempts SELECT * FROM attempts", "not allowed"),
        denied("DML: DELETE", "DELETE FROM attempts WHERE true", "not allowed"),
        denied("DML: UPDATE", "UPDATE attempts SET customer = 'acme'", "not allowed"),
        denied("ADD JAR", "ADD JAR /tmp/evil.jar", "not allowed"),
        denied("a function from a class", "CREATE TEMPORARY FUNCTION f AS 'com.example.Evil'", "not allowed"),
        denied("SET of a catalog", "SET spark.sql.catalog.mine=org.apache.iceberg.spark.SparkCatalog", "setting spark.sql.catalog.mine is not allowed"),
        denied("SET of Iceberg's branch for reads", "SET spark.wap.branch=audit", "is not allowed"),
        denied("SET listing every setting", "SET", "SET without a key"),
        denied("reflect", "SELECT reflect('java.lang.System', 'getProperty', 'user.home')", "reflect is not allowed"),
        denied("java_method", "SELECT java_method('java.lang.System', 'exit', 1)", "java_method is not allowed"),
        denied("try_reflect", "SELECT try_reflect('java.lang.Runtime', 'getRuntime')", "not allowed"),
        denied("a script", "SELECT TRANSFORM(keen_id) USING 'cat' AS (k) FROM attempts", "ScriptTransformation is not allowed"),
        denied("CACHE TABLE", "CACHE TABLE attempts", "not allowed"),
        denied("a global temporary view", "CREATE GLOBAL TEMPORARY VIEW everyone AS SELECT * FROM attempts", "only temporary views"),
        denied("a global temporary view's rows", "SELECT * FROM global_temp.everyone", "qualified table names"),
        denied("a persistent view", "CREATE VIEW everyone AS SELECT * FROM attempts", "not allowed"),
        denied("the table's properties and totals", "DESCRIBE TABLE EXTENDED attempts", "DESCRIBE EXTENDED is not allowed"),
        denied("the table's statistics", "EXPLAIN COST SELECT * FROM attempts", "EXPLAIN COST is not allowed"),
        denied("the table properties", "SHOW TBLPROPERTIES attempts", "not allowed"),
        denied("another catalog as the current one", "USE spark_catalog.default", "not allowed"),
        denied("the base table in a CTE", "WITH t AS (SELECT * FROM edpipe.assessments.attempts) SELECT * FROM t", "qualified table names"),
        denied("the base table in a scalar subquery", "SELECT (SELECT count(*) FROM edpipe.assessments.options)", "qualified table names"),
        own("the other customer's name in a filter", "SELECT keen_id FROM attempts WHERE customer = 'globex'", 0),
        own("an injection-shaped filter", "SELECT keen_id FROM attempts WHERE customer = 'globex' OR '1'='1'", 5),
        own("a filter that is always true", "SELECT keen_id FROM attempts WHERE customer <> 'acme' OR customer IS NULL OR true", 5),
        own("a self join on the other customer", "SELECT b.keen_id FROM attempts a JOIN attempts b ON a.exam_name <> b.exam_name OR true WHERE b.customer = 'globex'", 0),
        own("a subquery for the other customer's ids", "SELECT keen_id FROM questions WHERE keen_id IN (SELECT keen_id FROM attempts WHERE customer = 'globex')", 0),
        own("a scalar subquery", "SELECT (SELECT count(*) FROM options) AS n", 1),
        own("EXISTS", "SELECT keen_id FROM attempts a WHERE EXISTS (SELECT 1 FROM attempts b WHERE b.customer = 'globex')", 0),
        own("UNION with the other customer's rows", "SELECT keen_id FROM attempts UNION ALL SELECT keen_id FROM attempts WHERE customer = 'globex'", 5),
        own("a CTE", "WITH everyone AS (SELECT * FROM attempts) SELECT keen_id FROM everyone", 5),
        own("a lateral view over the other's options", "SELECT a.keen_id FROM attempts a, LATERAL (SELECT count(*) AS n FROM options o WHERE o.customer = 'globex') WHERE n > 0", 0));
  }

  private static Arguments denied(String name, String sql, String message) {
    return Arguments.of(name, sql, message, -1);
  }

  private static Arguments own(String name, String sql, int rows) {
    return Arguments.of(name, sql, null, rows);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sqlBypasses")
  void sqlBypassFailsOrReturnsOnlyTheCallersRows(String name, String sql, String message, int rows) {
    String query = sql.replace("%WAREHOUSE%", warehouse);
    if (acmeSession == null) {
      acmeSession = client(ACME);
    }
    ConnectClient client = acmeSession;
    if (message != null) {
      assertThatThrownBy(() -> client.sql(query, 1000))
          .as(name)
          .hasMessageContaining(message)
          .satisfies(e -> System.out.printf("bypass refused: %s: %s%n", name, firstLine(e.getMessage())));
      return;
    }
    ResultTable result = client.sql(query, 1000);
    System.out.printf("bypass answered with only the caller's rows: %s: %d rows%n", name, result.rows().size());
    assertThat(result.rows()).as(name).hasSize(rows);
    for (List<Object> row : result.rows()) {
      Object value = row.get(0);
      if (value instanceof String keenId) {
        assertThat(EXPECTED.get(ACME).keenIds()).as(name).contains(keenId);
      } else {
        assertThat(((Number) value).longValue()).as(name + ": only acme's options").isEqualTo(EXPECTED.get(ACME).options());
      }
    }
  }

  @Test
  void theDataFrameApiHasNoWayAroundEither() {
    try (ConnectClient client = client(ACME)) {
      SparkSession spark = client.session();
      assertThat(spark.table("attempts").count()).isEqualTo(5);
      assertThat(spark.table("attempts").filter("customer = 'globex'").count()).isZero();
      assertDenied(() -> spark.table("edpipe.assessments.attempts").count(), "qualified table names");
      assertDenied(() -> spark.read().format("parquet").load(warehouse + "/assessments/attempts/data").count(), "reading files or data sources");
      assertDenied(
          () -> spark.read().format("kafka").option("kafka.bootstrap.servers", "127.0.0.1:9092").option("subscribe", "assessment-attempts").load().count(),
          "reading files or data sources");
      assertDenied(() -> spark.read().option("snapshot-id", "1").table("attempts").count(), "read options are not allowed");
      assertDenied(() -> spark.table("attempts").write().parquet(work.resolve("stolen").toString()), "writing");
      assertDenied(() -> spark.table("attempts").writeTo("attempts").append(), "writing");
      assertDenied(() -> spark.catalog().setCurrentCatalog("spark_catalog"), "catalog.setCurrentCatalog is not allowed");
      assertDenied(
          () -> spark.catalog().createTable("stolen", warehouse + "/assessments/attempts/data").collectAsList(),
          "changes no catalog or cache");
      assertDenied(() -> spark.catalog().clearCache(), "catalog.clearCache is not allowed");
      assertDenied(() -> spark.table("attempts").persist().count(), "persist is not allowed");
      assertDenied(() -> spark.table("attempts").createGlobalTempView("everyone"), "global temporary views are not allowed");
      assertDenied(() -> spark.table("attempts").checkpoint(), "checkpoint");
      assertDenied(
          () -> spark.udf().register("f", (UDF1<String, String>) text -> text, DataTypes.StringType),
          "not allowed");
      assertDenied(
          () -> spark.table("attempts").map((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING()).count(),
          "not allowed");
      assertDenied(() -> spark.conf().set("spark.sql.catalog.mine", "org.apache.iceberg.spark.SparkCatalog"), "is not allowed");
      assertDenied(() -> spark.conf().getAll(), "listing all settings");
      assertDenied(() -> spark.table("attempts").explain("cost"), "explain in cost mode is not allowed");
      assertThat(spark.sql("DESCRIBE TABLE attempts").collectAsList()).isNotEmpty();
      spark.conf().set("spark.sql.shuffle.partitions", "3"); // how queries run is the customer's to tune
      assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("3");
    }
  }

  @Test
  void tokensAndUserIdsAreChecked() {
    assertDenied(() -> session("sc://localhost:" + port() + "/;user_id=acme").sql("SELECT 1").collectAsList(), "a token is required");
    assertDenied(
        () -> session(remote + "/;token=edp.acme.not-a-token;user_id=acme").sql("SELECT 1").collectAsList(),
        "unknown token");
    assertDenied(
        () -> session(remote + "/;token=" + TOKENS.get(ACME) + ";user_id=globex").sql("SELECT 1").collectAsList(),
        "is not the token's customer");
    assertDenied(
        () -> session(remote + "/;token=" + TOKENS.get(ACME)).sql("SELECT 1").collectAsList(),
        "is not the token's customer");
  }

  @Test
  void concurrentSessionsOfDifferentCustomersDoNotSeeEachOthersTemporaryViews() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Set<String>>> seen = new ArrayList<>();
      for (String customer : List.of(ACME, GLOBEX)) {
        Callable<Set<String>> work =
            () -> {
              Set<String> customers = new TreeSet<>();
              try (ConnectClient client = client(customer)) {
                together.await(1, TimeUnit.MINUTES);
                client.session().sql("CREATE OR REPLACE TEMPORARY VIEW mine AS SELECT * FROM attempts").collectAsList();
                client.session().table("questions").createOrReplaceTempView("my_questions");
                together.await(1, TimeUnit.MINUTES);
                for (int i = 0; i < 5; i++) {
                  customers.addAll(column(client.sql("SELECT DISTINCT customer FROM mine", 100), 0));
                  customers.addAll(column(client.sql("SELECT DISTINCT customer FROM my_questions", 100), 0));
                }
                assertThat(count(client, "SELECT count(*) FROM mine")).isEqualTo(EXPECTED.get(customer).keenIds().size());
              }
              return customers;
            };
        seen.add(pool.submit(work));
      }
      assertThat(seen.get(0).get(3, TimeUnit.MINUTES)).containsExactly(ACME);
      assertThat(seen.get(1).get(3, TimeUnit.MINUTES)).containsExactly(GLOBEX);
    } finally {
      pool.shutdownNow();
    }
    // a temporary view is its session's: another session, of the same customer or not, does not have it
    try (ConnectClient acme = client(ACME)) {
      assertThatThrownBy(() -> acme.sql("SELECT * FROM mine", 10)).hasMessageContaining("mine");
    }
  }

  @Test
  void edpipeSqlQueriesAsTheTokensCustomer() {
    CliRun ok =
        CliRun.of("sql", "--connect", remote, "--token", TOKENS.get(GLOBEX), "--format", "csv",
            "SELECT customer, count(*) AS attempts FROM attempts GROUP BY customer");
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out().lines()).containsExactly("customer,attempts", "globex,5");

    CliRun refused =
        CliRun.of("sql", "--connect", remote, "--token", TOKENS.get(GLOBEX), "SELECT * FROM edpipe.assessments.attempts");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("qualified table names are not allowed");

  }

  private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .hasMessageContaining("edpipe serve:")
        .hasMessageContaining(message)
        .satisfies(e -> System.out.printf("refused: %s%n", firstLine(e.getMessage())));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static ConnectClient client(String customer) {
    return ConnectClient.connect(remote, TOKENS.get(customer), null);
  }

  private static SparkSession session(String url) {
    return SparkSession.builder().remote(url).create();
  }

  private static String port() {
    return remote.substring(remote.lastIndexOf(':') + 1);
  }

  private static long count(ConnectClient client, String sql) {
    return ((Number) client.sql(sql, 1).rows().get(0).get(0)).longValue();
  }

  private static Set<String> column(ResultTable table, int column) {
    Set<String> values = new TreeSet<>();
    for (List<Object> row : table.rows()) {
      values.add(String.valueOf(row.get(column)));
    }
    return values;
  }

  private static Expected expected(List<String> lines) {
    Set<String> keenIds = new TreeSet<>();
    Set<String> exams = new TreeSet<>();
    int questions = 0;
    int options = 0;
    for (String line : lines) {
      try {
        JsonNode record = JSON.readTree(line);
        keenIds.add(record.get("keen_id").asText());
        exams.add(record.get("exam_name").asText());
        for (JsonNode question : record.path("sequences").path("questions")) {
          questions++;
          options += question.path("options").size();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Expected(keenIds, exams, questions, options);
  }

  private static Path write(String name, List<String> lines) throws IOException {
    Path file = work.resolve(name);
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private static CliRun succeed(CliRun run) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }
}
