package io.edpipe.serve;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which settings a customer's session may read and change. Changes: only those of the list below, which shape
 * how a query runs or shows its results and nothing of what it may read (catalogs, data sources, Iceberg's read
 * and write-audit-publish settings, legacy switches, extensions stay the server's). Reads: anything but what looks
 * like a secret (Spark's redaction pattern), since the server's settings may hold credentials of a real cluster.
 */
final class ConfPolicy {
  private static final Set<String> SETTABLE =
      Set.of(
          "spark.sql.shuffle.partitions",
          "spark.sql.session.timezone",
          "spark.sql.ansi.enabled",
          "spark.sql.casesensitive",
          "spark.sql.autobroadcastjointhreshold",
          "spark.sql.crossjoin.enabled",
          "spark.sql.datetime.java8api.enabled",
          "spark.sql.timestamptype",
          "spark.sql.maxmetadatastringlength",
          "spark.sql.debug.maxtostringfields",
          "spark.sql.pivotmaxvalues",
          "spark.sql.execution.arrow.maxrecordsperbatch",
          "spark.sql.execution.arrow.pyspark.enabled",
          "spark.sql.execution.arrow.pyspark.fallback.enabled",
          "spark.sql.execution.pandas.convertToArrowArraySafely".toLowerCase(),
          "spark.sql.execution.pythonudf.arrow.enabled");

  private static final List<String> SETTABLE_PREFIXES =
      List.of("spark.sql.adaptive.", "spark.sql.repl.eagereval.", "spark.sql.pyspark.");

  /** Spark's default {@code spark.redaction.regex}. */
  private static final Pattern SECRET = Pattern.compile("(?i)secret|password|token|access[.]?key|credential");

  private ConfPolicy() {}

  /** Why {@code key} may not be set to a value, if it may not. */
  static Optional<String> refusesSet(String key) {
    String normal = key == null ? "" : key.strip().toLowerCase();
    if (SETTABLE.contains(normal) || SETTABLE_PREFIXES.stream().anyMatch(normal::startsWith)) {
      return Optional.empty();
    }
    return Optional.of(
        "setting " + key + " is not allowed: a customer's session may set only spark.sql.shuffle.partitions,"
            + " spark.sql.session.timeZone, spark.sql.ansi.enabled, spark.sql.adaptive.* and a few other settings"
            + " of how queries run");
  }

  /** Why {@code key} may not be read, if it may not. */
  static Optional<String> refusesGet(String key) {
    if (key == null || SECRET.matcher(key).find()) {
      return Optional.of("reading " + key + " is not allowed: it may hold a secret");
    }
    return Optional.empty();
  }
}
