package io.edpipe.serve;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.plans.logical.ExecutableDuringAnalysis;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses, before anything is resolved, the names a customer's session has no use for: qualified table names
 * ({@code edpipe.assessments.attempts}, {@code spark_catalog.default.t}, {@code global_temp.v}, {@code
 * parquet.`hdfs://...`}), names given as strings ({@code IDENTIFIER('...')}) and SQL run from a string ({@code
 * EXECUTE IMMEDIATE}). A customer's tables are {@code attempts}, {@code questions}... by their short names. And
 * {@code CALL}: Spark 4 runs a procedure while it analyzes the plan, before any check of the analyzed plan could
 * refuse it, so it is refused here, before resolution.
 *
 * <p>Runs with the hint rules, the analyzer's first batch after substitution, where every table is still a name.
 * Not the only guard: whatever a name resolves to, {@link TenantCheck} accepts only landed tables under the
 * customer's filter.
 */
final class NameCheck extends Rule<LogicalPlan> {
  private final SparkSession session;

  NameCheck(SparkSession session) {
    this.session = requireNonNull(session, "session is null");
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    if (Tenants.of(session).filter(tenant -> tenant instanceof Tenants.Trusted).isPresent()) {
      return plan;
    }
    PlanWalk.walk(
        plan,
        (node, parent) -> {
          refusal(node).ifPresent(reason -> {
            throw Denied.because("%s", reason);
          });
          return true;
        });
    return plan;
  }

  static Optional<String> refusal(LogicalPlan node) {
    if (node instanceof UnresolvedRelation relation && relation.multipartIdentifier().size() > 1) {
      String name = String.join(".", CollectionConverters.asJava(relation.multipartIdentifier()));
      return Optional.of(
          "qualified table names are not allowed (" + name + "): refer to the tables by their short names, e.g."
              + " attempts, questions, options");
    }
    String type = node.getClass().getSimpleName();
    if (node instanceof ExecutableDuringAnalysis || type.equals("UnresolvedProcedure")) {
      return Optional.of("CALL is not allowed: procedures change the tables");
    }
    if (type.equals("PlanWithUnresolvedIdentifier")) {
      return Optional.of("IDENTIFIER(...) is not allowed: name the tables in the query");
    }
    if (type.startsWith("ExecuteImmediate")) {
      return Optional.of("EXECUTE IMMEDIATE is not allowed: send the query itself");
    }
    return Optional.empty();
  }
}
