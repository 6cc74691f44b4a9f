package io.edpipe.serve;

import io.edpipe.spark.LakeConfig;
import io.edpipe.spark.LakeTable;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.types.DataTypes;
import scala.PartialFunction$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The landed tables as they appear in analyzed plans, and the filter that holds each to one customer's rows:
 * {@code customer = '<id>'} right above the table's relation.
 */
final class LakeRelations {
  private static final Set<String> TABLES =
      Arrays.stream(LakeTable.values()).map(LakeTable::tableName).collect(Collectors.toUnmodifiableSet());

  private LakeRelations() {}

  /**
   * Whether {@code relation} reads one of the landed tables as it is now: through the lake's catalog, not a
   * metadata table, not a past snapshot, a branch or a tag, without read options.
   */
  static boolean isCurrentLakeTable(DataSourceV2Relation relation) {
    Optional<CatalogPlugin> catalog = Optional.ofNullable(relation.catalog().getOrElse(() -> null));
    Optional<Identifier> identifier = Optional.ofNullable(relation.identifier().getOrElse(() -> null));
    if (catalog.isEmpty() || identifier.isEmpty() || !LakeConfig.CATALOG.equals(catalog.get().name())) {
      return false;
    }
    Identifier id = identifier.get();
    if (!Arrays.equals(id.namespace(), new String[] {LakeConfig.NAMESPACE}) || !TABLES.contains(id.name())) {
      return false;
    }
    if (!(relation.table() instanceof SparkTable table)) {
      return false;
    }
    return table.table() instanceof BaseTable
        && table.snapshotId() == null
        && table.branch() == null
        && relation.options().isEmpty();
  }

  /** The relation's customer column. */
  static Optional<AttributeReference> customerColumn(DataSourceV2Relation relation) {
    return CollectionConverters.asJava(relation.output()).stream()
        .filter(attribute -> attribute.name().equalsIgnoreCase(LakeTable.CUSTOMER_COLUMN))
        .findFirst();
  }

  /** {@code customer = '<id>'} over the relation's customer column. */
  static Expression predicate(AttributeReference customerColumn, String customer) {
    return new EqualTo(customerColumn, Literal.create(customer, DataTypes.StringType));
  }

  /** Whether {@code node} is the customer's filter right above a landed table. */
  static boolean isCustomerFilter(LogicalPlan node, String customer) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof DataSourceV2Relation relation)) {
      return false;
    }
    return customerColumn(relation)
        .map(column -> filter.condition().semanticEquals(predicate(column, customer)))
        .orElse(false);
  }

  /**
   * {@code plan} with the customer's filter above every landed table it reads, in subqueries too; tables that
   * have one already are left as they are.
   */
  static LogicalPlan filtered(LogicalPlan plan, String customer) {
    if (isCustomerFilter(plan, customer)) {
      return plan;
    }
    if (plan instanceof DataSourceV2Relation relation) {
      Optional<AttributeReference> column = customerColumn(relation);
      // any other relation, or a landed table without the column, is left to the check, which refuses it
      return column.isPresent() && isCurrentLakeTable(relation)
          ? new Filter(predicate(column.get(), customer), relation)
          : plan;
    }
    LogicalPlan withChildren = plan.mapChildren(child -> filtered(child, customer));
    return (LogicalPlan)
        withChildren.transformExpressions(
            PartialFunction$.MODULE$.fromFunction(
                (Expression expression) ->
                    expression instanceof SubqueryExpression subquery
                        ? subquery.withNewPlan(filtered(subquery.plan(), customer))
                        : expression));
  }
}
