package io.edpipe.spark;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.iceberg.shaded.org.apache.parquet.column.ColumnDescriptor;
import org.apache.iceberg.shaded.org.apache.parquet.column.ColumnWriteStore;
import org.apache.iceberg.shaded.org.apache.parquet.column.ColumnWriter;
import org.apache.iceberg.shaded.org.apache.parquet.schema.MessageType;

/**
 * Writes {@link TableRow}s of a flat table into Iceberg's Parquet files, a value straight into its column's
 * writer. Iceberg's own writers take Spark's rows through a writer per field, boxing every number on the way; for
 * landing, where the rows are built only to be written, that layer costs as much as the parsing. Iceberg still
 * owns the file: its schema with field ids, its properties (compression, page and row-group sizes) and the
 * footer's metrics.
 */
final class TableRowWriter implements ParquetValueWriter<TableRow> {
  private final ColumnDescriptor[] descriptors;
  private final int[] definedLevel;
  private final ColumnWriter[] writers;

  /**
   * @param type the Parquet schema Iceberg made of {@code schema}
   * @param schema the table's schema: flat, of the types {@link TableRow} holds
   */
  TableRowWriter(MessageType type, Schema schema) {
    requireNonNull(type, "type is null");
    int size = requireNonNull(schema, "schema is null").columns().size();
    descriptors = new ColumnDescriptor[size];
    definedLevel = new int[size];
    writers = new ColumnWriter[size];
    for (int i = 0; i < size; i++) {
      descriptors[i] = type.getColumnDescription(new String[] {schema.columns().get(i).name()});
      definedLevel[i] = descriptors[i].getMaxDefinitionLevel();
    }
  }

  @Override
  public void write(int repetitionLevel, TableRow row) {
    for (int i = 0; i < writers.length; i++) {
      ColumnWriter writer = writers[i];
      if (!row.isPresent(i)) {
        if (definedLevel[i] == 0) {
          throw new IllegalArgumentException("Column " + row.name(i) + " is required but null");
        }
        writer.writeNull(repetitionLevel, definedLevel[i] - 1);
        continue;
      }
      int level = definedLevel[i];
      switch (row.kind(i)) {
        case STRING -> writer.write(row.binary(i), repetitionLevel, level);
        case INT -> writer.write((int) row.longValue(i), repetitionLevel, level);
        case LONG -> writer.write(row.longValue(i), repetitionLevel, level);
        case DOUBLE -> writer.write(row.doubleValue(i), repetitionLevel, level);
        case BOOLEAN -> writer.write(row.booleanValue(i), repetitionLevel, level);
      }
    }
  }

  @Override
  public List<TripleWriter<?>> columns() {
    return List.of(); // Iceberg's Parquet writer does not ask; only its nested writers do
  }

  @Override
  public void setColumnStore(ColumnWriteStore store) {
    for (int i = 0; i < writers.length; i++) {
      writers[i] = store.getColumnWriter(descriptors[i]);
    }
  }
}
