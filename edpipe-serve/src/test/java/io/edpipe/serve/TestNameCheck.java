package io.edpipe.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Test;

/** What the name check refuses in parsed plans, before anything is resolved (or, for CALL, run). */
class TestNameCheck {
  @Test
  void refusesQualifiedNamesAnywhereInTheQuery() {
    assertThat(refusals("SELECT * FROM attempts a JOIN questions q ON a.keen_id = q.keen_id")).isEmpty();
    assertThat(refusals("WITH t AS (SELECT * FROM attempts) SELECT * FROM t")).isEmpty();
    for (String sql :
        List.of(
            "SELECT * FROM edpipe.assessments.attempts",
            "SELECT * FROM parquet.`hdfs://namenode/edpipe/warehouse`",
            "SELECT * FROM global_temp.v",
            "SELECT * FROM attempts.snapshots",
            "WITH t AS (SELECT * FROM edpipe.assessments.attempts) SELECT * FROM t",
            "SELECT (SELECT count(*) FROM edpipe.assessments.options)",
            "SELECT * FROM attempts WHERE keen_id IN (SELECT keen_id FROM spark_catalog.default.x)",
            "SELECT * FROM attempts UNION ALL SELECT * FROM edpipe.assessments.attempts")) {
      assertThat(refusals(sql)).as(sql).anySatisfy(reason -> assertThat(reason).startsWith("qualified table names"));
    }
  }

  @Test
  void refusesProceduresBeforeTheyRunAndNamesInStrings() {
    assertThat(refusals("CALL edpipe.system.rollback_to_snapshot('assessments.attempts', 1)"))
        .anySatisfy(reason -> assertThat(reason).startsWith("CALL is not allowed"));
    assertThat(refusals("SELECT * FROM IDENTIFIER('edpipe.assessments.attempts')"))
        .anySatisfy(reason -> assertThat(reason).startsWith("IDENTIFIER(...) is not allowed"));
    assertThat(refusals("EXECUTE IMMEDIATE 'SELECT 1'"))
        .anySatisfy(reason -> assertThat(reason).startsWith("EXECUTE IMMEDIATE is not allowed"));
  }

  private static List<String> refusals(String sql) {
    LogicalPlan plan = CatalystSqlParser$.MODULE$.parsePlan(sql);
    List<String> reasons = new ArrayList<>();
    PlanWalk.walk(
        plan,
        (node, parent) -> {
          Optional<String> refusal = NameCheck.refusal(node);
          refusal.ifPresent(reasons::add);
          return true;
        });
    return reasons;
  }
}
