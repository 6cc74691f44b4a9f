package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One reusable row of a landed table in Spark's internal form, set column by column by name. Columns are found by
 * name once, so the code that fills rows does not depend on the table's column order, and a column a newer
 * edpipe added to the table stays null when this one does not know it. Not thread-safe: one per task.
 */
final class TableRows {
  private final StructType schema;
  private final SpecificInternalRow row;
  private final Map<String, Integer> positions = new HashMap<>();

  TableRows(StructType schema) {
    this.schema = requireNonNull(schema, "schema is null");
    this.row = new SpecificInternalRow(schema);
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      positions.put(fields[i].name(), i);
    }
  }

  /** The position of {@code column}; fails for a column the table does not have. */
  int position(String column) {
    Integer position = positions.get(column);
    if (position == null) {
      throw new IllegalArgumentException("Table has no column " + column + ": " + schema.simpleString());
    }
    return position;
  }

  /** The row, every column null: fill it, write it, clear it again. */
  SpecificInternalRow clear() {
    for (int i = 0; i < schema.length(); i++) {
      row.setNullAt(i);
    }
    return row;
  }

  SpecificInternalRow row() {
    return row;
  }

  void setString(int position, UTF8String value) {
    if (value == null) {
      row.setNullAt(position);
    } else {
      row.update(position, value);
    }
  }

  void setString(int position, String value) {
    setString(position, value == null ? null : UTF8String.fromString(value));
  }

  void setInt(int position, Integer value) {
    if (value == null) {
      row.setNullAt(position);
    } else {
      row.setInt(position, value);
    }
  }

  void setLong(int position, Long value) {
    if (value == null) {
      row.setNullAt(position);
    } else {
      row.setLong(position, value);
    }
  }

  void setDouble(int position, Double value) {
    if (value == null) {
      row.setNullAt(position);
    } else {
      row.setDouble(position, value);
    }
  }

  void setBoolean(int position, Boolean value) {
    if (value == null) {
      row.setNullAt(position);
    } else {
      row.setBoolean(position, value);
    }
  }
}
