package io.edpipe.serve;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Visits every node of a logical plan: children, inner children (a CTE's definitions, a command's query) and the
 * plans of subquery expressions, each with its parent. Iterative: a deep plan cannot overflow the stack.
 */
final class PlanWalk {
  private PlanWalk() {}

  interface Visitor {
    /**
     * @param parent the node above, or null for the root and the root of a subquery or inner plan
     * @return whether to visit the node's children
     */
    boolean visit(LogicalPlan node, LogicalPlan parent);
  }

  private record Step(LogicalPlan node, LogicalPlan parent) {}

  static void walk(LogicalPlan root, Visitor visitor) {
    Deque<Step> pending = new ArrayDeque<>();
    pending.push(new Step(root, null));
    while (!pending.isEmpty()) {
      Step step = pending.pop();
      LogicalPlan node = step.node();
      if (!visitor.visit(node, step.parent())) {
        continue;
      }
      for (LogicalPlan child : CollectionConverters.asJava(node.children())) {
        pending.push(new Step(child, node));
      }
      for (TreeNode<?> inner : CollectionConverters.asJava(node.innerChildren())) {
        if (inner instanceof LogicalPlan plan) {
          pending.push(new Step(plan, null));
        }
      }
      for (Expression expression : CollectionConverters.asJava(node.expressions())) {
        expression.foreach(
            e -> {
              if (e instanceof SubqueryExpression subquery) {
                pending.push(new Step(subquery.plan(), null));
              }
              return BoxedUnit.UNIT;
            });
      }
    }
  }

  /** Calls {@code check} on every expression of {@code node} and their sub-expressions (not subquery plans). */
  static void expressions(LogicalPlan node, java.util.function.Consumer<Expression> check) {
    for (Expression expression : CollectionConverters.asJava(node.expressions())) {
      expression.foreach(
          e -> {
            check.accept(e);
            return BoxedUnit.UNIT;
          });
    }
  }
}
