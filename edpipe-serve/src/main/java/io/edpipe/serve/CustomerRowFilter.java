package io.edpipe.serve;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;

/**
 * The analyzer rule that holds a customer's session to its own rows: a filter on the customer column above every
 * landed table the plan reads. A post-hoc resolution rule: it sees the tables resolved, and its filter is part of
 * the analyzed plan, so nothing built on that plan (views, cached plans) can lose it. The server's own sessions
 * are left as they are; sessions nobody bound are refused by {@link TenantCheck}.
 */
final class CustomerRowFilter extends Rule<LogicalPlan> {
  private final SparkSession session;

  CustomerRowFilter(SparkSession session) {
    this.session = requireNonNull(session, "session is null");
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return Tenants.of(session)
        .filter(tenant -> tenant instanceof Tenants.Customer)
        .map(tenant -> LakeRelations.filtered(plan, ((Tenants.Customer) tenant).id()))
        .orElse(plan);
  }
}
