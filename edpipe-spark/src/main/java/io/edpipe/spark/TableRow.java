package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One reusable row of a landed table, in the form its Parquet columns take: strings as UTF-8 bytes (a slice of an
 * array that never changes),
 * timestamps as epoch microseconds, numbers and booleans unboxed. Columns are found by name once, so the code that
 * fills rows does not depend on the table's column order, and a column a newer edpipe added stays null when this
 * one does not know it. {@link FlatParquetWriter} writes it. Not thread-safe: one per task.
 */
final class TableRow {
  /** How a column's values are held. */
  enum Kind {
    STRING,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN
  }

  private final List<String> names;
  private final Kind[] kinds;
  private final boolean[] present;
  private final byte[][] arrays;
  private final int[] offsets;
  private final int[] lengths;
  private final long[] longs;
  private final double[] doubles;
  private final Map<String, Integer> positions = new HashMap<>();

  TableRow(Schema schema) {
    List<Types.NestedField> fields = requireNonNull(schema, "schema is null").columns();
    int size = fields.size();
    names = fields.stream().map(Types.NestedField::name).toList();
    kinds = new Kind[size];
    present = new boolean[size];
    arrays = new byte[size][];
    offsets = new int[size];
    lengths = new int[size];
    longs = new long[size];
    doubles = new double[size];
    for (int i = 0; i < size; i++) {
      kinds[i] = kind(fields.get(i));
      positions.put(names.get(i), i);
    }
  }

  private static Kind kind(Types.NestedField field) {
    Type.TypeID type = field.type().typeId();
    return switch (type) {
      case STRING -> Kind.STRING;
      case INTEGER -> Kind.INT;
      case LONG, TIMESTAMP -> Kind.LONG;
      case DOUBLE -> Kind.DOUBLE;
      case BOOLEAN -> Kind.BOOLEAN;
      default -> throw new IllegalArgumentException("Cannot land a column of type " + field.type() + ": " + field.name());
    };
  }

  /** The position of {@code column}; fails for a column the table does not have. */
  int position(String column) {
    Integer position = positions.get(column);
    if (position == null) {
      throw new IllegalArgumentException("Table has no column " + column + ": " + names);
    }
    return position;
  }

  int size() {
    return kinds.length;
  }

  String name(int position) {
    return names.get(position);
  }

  Kind kind(int position) {
    return kinds[position];
  }

  /** Every column null: fill the row, write it, clear it again. */
  void clear() {
    Arrays.fill(present, false);
  }

  boolean isPresent(int position) {
    return present[position];
  }

  /** The array holding the string at {@code position}: from {@link #offset} for {@link #length} bytes. */
  byte[] array(int position) {
    return arrays[position];
  }

  int offset(int position) {
    return offsets[position];
  }

  int length(int position) {
    return lengths[position];
  }

  long longValue(int position) {
    return longs[position];
  }

  double doubleValue(int position) {
    return doubles[position];
  }

  boolean booleanValue(int position) {
    return longs[position] != 0;
  }

  /** The value as a Java object (String, Integer, Long, Double, Boolean) or null: for tests and messages. */
  Object value(int position) {
    if (!present[position]) {
      return null;
    }
    return switch (kinds[position]) {
      case STRING -> new String(arrays[position], offsets[position], lengths[position], StandardCharsets.UTF_8);
      case INT -> (int) longs[position];
      case LONG -> longs[position];
      case DOUBLE -> doubles[position];
      case BOOLEAN -> longs[position] != 0;
    };
  }

  /**
   * Sets a string: {@code length} UTF-8 bytes of {@code array} from {@code offset}; null when {@code array} is. The
   * array must never change after: {@link ParquetColumn} copies values straight from it, and skips the min/max
   * check of a value at the same array, offset and length as the last.
   */
  void setString(int position, byte[] array, int offset, int length) {
    present[position] = array != null;
    arrays[position] = array;
    offsets[position] = offset;
    lengths[position] = length;
  }

  /** Sets a string held whole in {@code utf8}, an array that never changes; null when it is null. */
  void setString(int position, byte[] utf8) {
    setString(position, utf8, 0, utf8 == null ? 0 : utf8.length);
  }

  void setString(int position, String value) {
    setString(position, value == null ? null : utf8(value));
  }

  /** A string's UTF-8 bytes, in a new array. */
  static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  void setInt(int position, int value) {
    present[position] = true;
    longs[position] = value;
  }

  void setInt(int position, Integer value) {
    present[position] = value != null;
    longs[position] = value == null ? 0 : value;
  }

  void setLong(int position, long value) {
    present[position] = true;
    longs[position] = value;
  }

  void setLong(int position, Long value) {
    present[position] = value != null;
    longs[position] = value == null ? 0 : value;
  }

  void setDouble(int position, Double value) {
    present[position] = value != null;
    doubles[position] = value == null ? 0 : value;
  }

  void setBoolean(int position, boolean value) {
    present[position] = true;
    longs[position] = value ? 1 : 0;
  }

  void setBoolean(int position, Boolean value) {
    present[position] = value != null;
    longs[position] = Boolean.TRUE.equals(value) ? 1 : 0;
  }
}
