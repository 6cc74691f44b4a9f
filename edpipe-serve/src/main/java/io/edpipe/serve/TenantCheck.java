package io.edpipe.serve;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.LocalTempView$;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.LeafNode;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.CostMode$;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.Option;
import scala.Tuple2;
import scala.runtime.BoxedUnit;

/**
 * The check every analyzed plan of a customer's session must pass, whatever built it (SQL, the DataFrame API, a
 * view): it reads only landed tables, each right under the customer's filter ({@link CustomerRowFilter}), or data
 * the client sent; it calls no user code; it runs no command but looking at the tables, explaining, creating the
 * session's own temporary views and the settings {@link ConfPolicy} allows. Everything else fails with a message
 * that says what is not allowed. A session nobody bound to a customer is refused everything.
 */
final class TenantCheck extends scala.runtime.AbstractFunction1<LogicalPlan, BoxedUnit> {
  /** Leaves that read nothing but the data in the plan itself. */
  private static final Set<String> DATA_LEAVES =
      Set.of("LocalRelation", "Range", "OneRowRelation", "CTERelationRef", "ResolvedInlineTable", "EmptyRelation");

  /** Commands that read no rows and change nothing but the session's own views. */
  private static final Set<String> LOOKING_COMMANDS =
      Set.of(
          "ShowTables", "ShowTablesCommand", "ShowTablesExtended", "ShowViews", "ShowViewsCommand", "ShowColumns",
          "ShowColumnsCommand", "DescribeRelation", "DescribeTableCommand", "DescribeColumn", "DescribeColumnCommand",
          "DescribeQueryCommand", "ShowFunctions", "ShowFunctionsCommand", "DescribeFunction",
          "DescribeFunctionCommand", "ExplainCommand", "ShowCurrentNamespace", "ShowCurrentNamespaceCommand",
          "DropTempViewCommand");

  /** Operators that run code the client gave, or outside the JVM. */
  private static final Set<String> CODE_OPERATORS =
      Set.of(
          "ScriptTransformation", "AppendColumns", "AppendColumnsWithObject", "MapGroups", "CoGroup",
          "FlatMapGroupsWithState", "TransformWithState", "TypedFilter", "MapElements", "EventTimeWatermark");

  private static final List<String> CODE_OPERATOR_WORDS = List.of("Python", "Pandas", "InR", "Arrow", "Streaming");

  /** Functions that call Java methods by name: reflect, java_method, try_reflect. */
  private static final Set<String> REFLECTION = Set.of("CallMethodViaReflection", "TryReflect");

  private final SparkSession session;

  TenantCheck(SparkSession session) {
    this.session = requireNonNull(session, "session is null");
  }

  @Override
  public BoxedUnit apply(LogicalPlan plan) {
    Optional<Tenants.Tenant> tenant = Tenants.of(session);
    if (tenant.isEmpty()) {
      throw Denied.because("this session serves no customer: only sessions of authenticated clients can query");
    }
    if (tenant.get() instanceof Tenants.Customer customer) {
      check(plan, customer.id());
    }
    return BoxedUnit.UNIT;
  }

  /** Throws {@link Denied} for the first thing in {@code plan} that {@code customer}'s session may not do. */
  static void check(LogicalPlan plan, String customer) {
    PlanWalk.walk(
        plan,
        (node, parent) -> {
          Optional<String> refusal = refusal(node, parent, customer);
          if (refusal.isPresent()) {
            throw Denied.because("%s", refusal.get());
          }
          // a command that only looks at the catalog names tables and namespaces below it, and reads none
          return !(node instanceof Command) || node instanceof CreateViewCommand;
        });
  }

  private static Optional<String> refusal(LogicalPlan node, LogicalPlan parent, String customer) {
    String type = node.getClass().getSimpleName();
    if (node instanceof Command) {
      return commandRefusal(node, type);
    }
    if (node instanceof DataSourceV2Relation relation) {
      if (!LakeRelations.isCurrentLakeTable(relation)) {
        return Optional.of(
            "reading " + relation.name() + " is not allowed: only the landed tables as they are now (attempts,"
                + " questions, options, duplicates, quarantine), without time travel, metadata tables or options");
      }
      if (parent == null || !LakeRelations.isCustomerFilter(parent, customer)) {
        return Optional.of("reading " + relation.name() + " without the customer's filter is not allowed");
      }
      return Optional.empty();
    }
    if (node instanceof LeafNode && !DATA_LEAVES.contains(type)) {
      return Optional.of(
          "reading " + describe(node) + " is not allowed: a customer's session reads only the landed tables");
    }
    if (CODE_OPERATORS.contains(type) || CODE_OPERATOR_WORDS.stream().anyMatch(type::contains)) {
      return Optional.of(type + " is not allowed: a customer's session runs no code of its own on the server");
    }
    String[] function = {null};
    PlanWalk.expressions(
        node,
        expression -> {
          if (function[0] == null) {
            function[0] = functionRefusal(expression);
          }
        });
    return Optional.ofNullable(function[0]);
  }

  private static String functionRefusal(Expression expression) {
    String type = expression.getClass().getSimpleName();
    if (REFLECTION.contains(type)) {
      return expression.prettyName() + " is not allowed: it calls Java methods on the server";
    }
    if (expression instanceof UserDefinedExpression || type.contains("UDF") || type.contains("UDAF")) {
      return "user-defined functions are not allowed (" + expression.prettyName() + ")";
    }
    return null;
  }

  private static Optional<String> commandRefusal(LogicalPlan node, String type) {
    if (node instanceof SetCommand set) {
      return setRefusal(set.kv());
    }
    if (node instanceof CreateViewCommand view) {
      return view.viewType() == LocalTempView$.MODULE$
          ? Optional.empty()
          : Optional.of("only temporary views of the session are allowed: CREATE TEMPORARY VIEW");
    }
    if (node instanceof DescribeRelation describe && describe.isExtended()
        || node instanceof DescribeTableCommand table && table.isExtended()) {
      // the table's properties and snapshot summary count every customer's rows
      return Optional.of("DESCRIBE EXTENDED is not allowed: DESCRIBE shows the columns");
    }
    if (node instanceof ExplainCommand explain && explain.mode() == CostMode$.MODULE$) {
      return Optional.of("EXPLAIN COST is not allowed: the table statistics count every customer's rows");
    }
    if (LOOKING_COMMANDS.contains(type)) {
      return Optional.empty();
    }
    return Optional.of(
        command(type) + " is not allowed: a customer's session reads; it does not change tables, catalogs, caches,"
            + " functions or jars");
  }

  private static Optional<String> setRefusal(Option<Tuple2<String, Option<String>>> kv) {
    if (kv.isEmpty()) {
      return Optional.of("SET without a key is not allowed: ask for one setting, SET key");
    }
    String key = kv.get()._1();
    Option<String> value = kv.get()._2();
    if (value.isDefined()) {
      return ConfPolicy.refusesSet(key);
    }
    if (key.strip().startsWith("-")) {
      return Optional.of("SET " + key + " is not allowed: ask for one setting, SET key");
    }
    return ConfPolicy.refusesGet(key);
  }

  private static String command(String type) {
    return type.replaceAll("(Command|Exec)$", "");
  }

  private static String describe(LogicalPlan node) {
    String text = node.simpleString(100);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
