package io.edpipe.bench;

import java.util.StringJoiner;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/** Spark types in DuckDB's SQL: one schema for both engines (the raw event's, and the landed tables'). */
public final class DuckDbTypes {
  private DuckDbTypes() {}

  /** The DuckDB type of a Spark type; Spark's TIMESTAMP (an instant) is DuckDB's TIMESTAMPTZ. */
  public static String of(DataType type) {
    if (type instanceof StringType) {
      return "VARCHAR";
    }
    if (type instanceof BooleanType) {
      return "BOOLEAN";
    }
    if (type instanceof IntegerType) {
      return "INTEGER";
    }
    if (type instanceof LongType) {
      return "BIGINT";
    }
    if (type instanceof DoubleType) {
      return "DOUBLE";
    }
    if (type instanceof TimestampType) {
      return "TIMESTAMPTZ";
    }
    if (type instanceof ArrayType array) {
      return of(array.elementType()) + "[]";
    }
    if (type instanceof StructType struct) {
      StringJoiner fields = new StringJoiner(", ", "STRUCT(", ")");
      for (StructField field : struct.fields()) {
        fields.add(quoted(field.name()) + " " + of(field.dataType()));
      }
      return fields.toString();
    }
    throw new IllegalArgumentException("Cannot map the Spark type " + type.simpleString() + " to DuckDB");
  }

  /** The {@code columns} argument of DuckDB's {@code read_json}: {@code {'name': 'TYPE', ...}}. */
  public static String readJsonColumns(StructType schema) {
    StringJoiner columns = new StringJoiner(", ", "{", "}");
    for (StructField field : schema.fields()) {
      columns.add("'" + field.name() + "': '" + of(field.dataType()).replace("'", "''") + "'");
    }
    return columns.toString();
  }

  /** A query with the schema's columns and no row: a view for a table that has no data file. */
  public static String emptySelect(StructType schema) {
    StringJoiner columns = new StringJoiner(", ", "SELECT ", " WHERE false");
    for (StructField field : schema.fields()) {
      columns.add("CAST(NULL AS " + of(field.dataType()) + ") AS " + quoted(field.name()));
    }
    return columns.toString();
  }

  static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
