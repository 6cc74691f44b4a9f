package io.edpipe.serve;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.CallFunction;
import org.apache.spark.connect.proto.Catalog;
import org.apache.spark.connect.proto.Command;
import org.apache.spark.connect.proto.ConfigRequest;
import org.apache.spark.connect.proto.CreateDataFrameViewCommand;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.Expression;
import org.apache.spark.connect.proto.KeyValue;
import org.apache.spark.connect.proto.Read;
import org.apache.spark.connect.proto.Relation;
import org.sparkproject.connect.protobuf.Descriptors.FieldDescriptor;
import org.sparkproject.connect.protobuf.Message;

/**
 * What a customer's requests may ask of the Spark Connect server, checked on the request itself, before the server
 * turns it into a plan: some things happen in that step already (a client's serialized functions are read, catalog
 * calls run, files are uploaded), so the plan-level rules would come too late for them.
 *
 * <p>Allowed: queries (relations of the kinds a DataFrame or SQL builds), SQL commands (the plan rules check them),
 * the session's own temporary views, read-only catalog calls, the settings {@link ConfPolicy} allows, analysis and
 * explain, and the calls that manage the session's own operations. Refused: uploads (jars, classes, files, cached
 * local data), user-defined functions, table functions and data sources of any language, reads by path or format,
 * writes, streaming, checkpoints, ML, extensions, caching, and any request kind this list does not know.
 */
final class RequestGate {
  /** The Spark Connect calls a customer may make; the rest (AddArtifacts, anything newer) are refused. */
  static final Set<String> METHODS =
      Set.of(
          "ExecutePlan", "AnalyzePlan", "Config", "ArtifactStatus", "Interrupt", "ReattachExecute", "ReleaseExecute",
          "ReleaseSession", "FetchErrorDetails");

  /** The calls that may open a session, and so bind it to the caller's customer. */
  static final Set<String> SESSION_OPENING = Set.of("ExecutePlan", "AnalyzePlan", "Config", "ArtifactStatus");

  private static final Set<String> RELATIONS =
      Set.of(
          "READ", "PROJECT", "FILTER", "JOIN", "SET_OP", "SORT", "LIMIT", "AGGREGATE", "SQL", "LOCAL_RELATION",
          "SAMPLE", "OFFSET", "DEDUPLICATE", "RANGE", "SUBQUERY_ALIAS", "REPARTITION", "TO_DF",
          "WITH_COLUMNS_RENAMED", "SHOW_STRING", "DROP", "TAIL", "WITH_COLUMNS", "HINT", "UNPIVOT", "TO_SCHEMA",
          "REPARTITION_BY_EXPRESSION", "COLLECT_METRICS", "PARSE", "HTML_STRING", "AS_OF_JOIN", "WITH_RELATIONS",
          "TRANSPOSE", "UNRESOLVED_TABLE_VALUED_FUNCTION", "LATERAL_JOIN", "FILL_NA", "DROP_NA", "REPLACE",
          "SUMMARY", "CROSSTAB", "DESCRIBE", "COV", "CORR", "APPROX_QUANTILE", "FREQ_ITEMS", "SAMPLE_BY", "CATALOG");

  private static final Set<String> COMMANDS = Set.of("SQL_COMMAND", "CREATE_DATAFRAME_VIEW");

  private static final Set<String> CATALOG_CALLS =
      Set.of(
          "CURRENT_DATABASE", "LIST_DATABASES", "LIST_TABLES", "LIST_FUNCTIONS", "LIST_COLUMNS", "GET_DATABASE",
          "GET_TABLE", "GET_FUNCTION", "DATABASE_EXISTS", "TABLE_EXISTS", "FUNCTION_EXISTS", "DROP_TEMP_VIEW",
          "IS_CACHED", "CURRENT_CATALOG", "LIST_CATALOGS");

  private static final Set<String> EXPRESSIONS_REFUSED =
      Set.of("COMMON_INLINE_USER_DEFINED_FUNCTION", "TYPED_AGGREGATE_EXPRESSION", "EXTENSION", "MERGE_ACTION");

  private static final Set<String> REFLECTION_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect");

  private static final Set<String> ANALYSES =
      Set.of(
          "SCHEMA", "EXPLAIN", "TREE_STRING", "IS_LOCAL", "IS_STREAMING", "INPUT_FILES", "SPARK_VERSION", "DDL_PARSE",
          "SAME_SEMANTICS", "SEMANTIC_HASH", "JSON_TO_DDL");

  private RequestGate() {}

  /** Why the request of {@code method} may not go on, if it may not. */
  static Optional<String> refusal(String method, Message request) {
    if (!METHODS.contains(method)) {
      return Optional.of(
          method.equals("AddArtifacts")
              ? "uploading jars, classes, files or cached local data is not allowed"
              : method + " is not allowed");
    }
    if (request instanceof ExecutePlanRequest execute) {
      return messages(execute.getPlan());
    }
    if (request instanceof AnalyzePlanRequest analyze) {
      String kind = analyze.getAnalyzeCase().name();
      if (!ANALYSES.contains(kind)) {
        return Optional.of(kind.toLowerCase() + " is not allowed: caching is not available to customers' sessions");
      }
      if (analyze.hasExplain()
          && analyze.getExplain().getExplainMode() == AnalyzePlanRequest.Explain.ExplainMode.EXPLAIN_MODE_COST) {
        return Optional.of("explain in cost mode is not allowed: the table statistics count every customer's rows");
      }
      return messages(analyze);
    }
    if (request instanceof ConfigRequest config) {
      return config(config.getOperation());
    }
    return Optional.empty();
  }

  private static Optional<String> config(ConfigRequest.Operation operation) {
    return switch (operation.getOpTypeCase()) {
      case SET -> first(operation.getSet().getPairsList().stream().map(KeyValue::getKey).toList(), true);
      case UNSET -> first(operation.getUnset().getKeysList(), true);
      case GET -> first(operation.getGet().getKeysList(), false);
      case GET_WITH_DEFAULT -> first(operation.getGetWithDefault().getPairsList().stream().map(KeyValue::getKey).toList(), false);
      case GET_OPTION -> first(operation.getGetOption().getKeysList(), false);
      case IS_MODIFIABLE -> Optional.empty();
      default -> Optional.of("listing all settings is not allowed: ask for the ones you need");
    };
  }

  private static Optional<String> first(List<String> keys, boolean change) {
    for (String key : keys) {
      Optional<String> refusal = change ? ConfPolicy.refusesSet(key) : ConfPolicy.refusesGet(key);
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    return Optional.empty();
  }

  /** Checks every message inside {@code root}: the relations, commands, catalog calls and expressions. */
  private static Optional<String> messages(Message root) {
    Deque<Message> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Message message = pending.pop();
      Optional<String> refusal = refusal(message);
      if (refusal.isPresent()) {
        return refusal;
      }
      for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
        if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
          continue;
        }
        if (field.getValue() instanceof List<?> values) {
          for (Object value : values) {
            pending.push((Message) value);
          }
        } else {
          pending.push((Message) field.getValue());
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> refusal(Message message) {
    String type = message.getDescriptorForType().getFullName();
    if (type.equals("google.protobuf.Any")) {
      return Optional.of("extensions are not allowed");
    }
    if (message instanceof Relation relation) {
      String kind = relation.getRelTypeCase().name();
      return RELATIONS.contains(kind) ? Optional.empty() : Optional.of(relationName(kind) + " is not allowed");
    }
    if (message instanceof Read read) {
      if (read.getIsStreaming()) {
        return Optional.of("streaming reads are not allowed");
      }
      if (read.hasDataSource()) {
        return Optional.of("reading files or data sources is not allowed: read the tables, e.g. spark.table(\"attempts\")");
      }
      if (read.getNamedTable().getOptionsCount() > 0) {
        return Optional.of("read options are not allowed (" + read.getNamedTable().getOptionsMap().keySet() + ")");
      }
      return Optional.empty();
    }
    if (message instanceof Command command) {
      String kind = command.getCommandTypeCase().name();
      return COMMANDS.contains(kind) ? Optional.empty() : Optional.of(commandName(kind) + " is not allowed");
    }
    if (message instanceof CreateDataFrameViewCommand view && view.getIsGlobal()) {
      return Optional.of("global temporary views are not allowed: they outlive the session; use a temporary view");
    }
    if (message instanceof Catalog catalog) {
      String kind = catalog.getCatTypeCase().name();
      return CATALOG_CALLS.contains(kind)
          ? Optional.empty()
          : Optional.of("catalog." + camel(kind) + " is not allowed: a customer's session changes no catalog or cache");
    }
    if (message instanceof Expression expression) {
      String kind = expression.getExprTypeCase().name();
      if (EXPRESSIONS_REFUSED.contains(kind)) {
        return Optional.of(
            kind.startsWith("COMMON_INLINE") || kind.startsWith("TYPED")
                ? "user-defined functions are not allowed"
                : kind.toLowerCase().replace('_', ' ') + " is not allowed");
      }
      if (expression.hasUnresolvedFunction()) {
        return reflection(expression.getUnresolvedFunction().getFunctionName());
      }
      return Optional.empty();
    }
    if (message instanceof CallFunction call) {
      return reflection(call.getFunctionName());
    }
    return Optional.empty();
  }

  private static Optional<String> reflection(String function) {
    String name = function.strip().toLowerCase();
    int dot = name.lastIndexOf('.');
    return REFLECTION_FUNCTIONS.contains(dot < 0 ? name : name.substring(dot + 1))
        ? Optional.of(function + " is not allowed: it calls Java methods on the server")
        : Optional.empty();
  }

  private static String relationName(String kind) {
    return switch (kind) {
      case "MAP_PARTITIONS", "GROUP_MAP", "CO_GROUP_MAP", "APPLY_IN_PANDAS_WITH_STATE" ->
          "running user code (" + kind.toLowerCase() + ")";
      case "CACHED_LOCAL_RELATION", "CACHED_REMOTE_RELATION" -> "a cached relation";
      case "COMMON_INLINE_USER_DEFINED_TABLE_FUNCTION" -> "a user-defined table function";
      case "COMMON_INLINE_USER_DEFINED_DATA_SOURCE" -> "a user-defined data source";
      default -> "relation " + kind.toLowerCase();
    };
  }

  private static String commandName(String kind) {
    return switch (kind) {
      case "WRITE_OPERATION", "WRITE_OPERATION_V2", "MERGE_INTO_TABLE_COMMAND" -> "writing (" + kind.toLowerCase() + ")";
      case "REGISTER_FUNCTION", "REGISTER_TABLE_FUNCTION", "REGISTER_DATA_SOURCE" ->
          "registering user code (" + kind.toLowerCase() + ")";
      case "CHECKPOINT_COMMAND" -> "checkpoint and localCheckpoint";
      default -> kind.toLowerCase().replace('_', ' ');
    };
  }

  private static String camel(String kind) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : kind.toLowerCase().toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }
}
