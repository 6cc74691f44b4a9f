package io.edpipe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Files;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of {@link FlatParquetWriter} read back by Spark's (vectorized) Parquet reader, value for value: every type
 * a landed table has, nulls, a page of nulls only, several pages and row groups, non-ASCII text; and the metrics
 * Iceberg takes from their footers.
 */
class TestFlatParquetWriter {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "text", Types.StringType.get()),
          Types.NestedField.optional(2, "number", Types.IntegerType.get()),
          Types.NestedField.optional(3, "big", Types.LongType.get()),
          Types.NestedField.optional(4, "at", Types.TimestampType.withZone()),
          Types.NestedField.optional(5, "ratio", Types.DoubleType.get()),
          Types.NestedField.optional(6, "flag", Types.BooleanType.get()),
          Types.NestedField.required(7, "id", Types.StringType.get()));

  /** Three pages per column; rows 20,000 to 39,999 have no text (a page of nulls only). */
  private static final int ROWS = 2 * ParquetColumn.PAGE_ROWS + 5_003;

  @TempDir static Path directory;

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = Fixtures.session(directory.resolve("warehouse"), "test-flat-parquet");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void writesWhatSparkReadsBack() throws Exception {
    Path file = directory.resolve("rows.parquet");
    FlatParquetWriter writer = new FlatParquetWriter(Files.localOutput(file.toFile()), SCHEMA, Map.of());
    TableRow row = new TableRow(SCHEMA);
    List<Object[]> expected = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Object[] values = values(i);
      row.clear();
      row.setString(0, (String) values[0]);
      row.setInt(1, (Integer) values[1]);
      row.setLong(2, (Long) values[2]);
      row.setLong(3, values[3] == null ? null : (Long) values[3]);
      row.setDouble(4, (Double) values[4]);
      row.setBoolean(5, (Boolean) values[5]);
      row.setString(6, (String) values[6]);
      writer.write(row);
      expected.add(values);
    }
    writer.close();

    List<Row> read =
        spark.read().parquet(file.toString()).orderBy("id").collectAsList();
    assertThat(read).hasSize(ROWS);
    expected.sort((a, b) -> ((String) a[6]).compareTo((String) b[6]));
    for (int i = 0; i < ROWS; i++) {
      Row actual = read.get(i);
      Object[] values = expected.get(i);
      Timestamp at = actual.getTimestamp(3);
      assertThat(
              new Object[] {
                actual.get(0), actual.get(1), actual.get(2), at == null ? null : micros(at), actual.get(4),
                actual.get(5), actual.get(6)
              })
          .as("row %s", values[6])
          .containsExactly(values);
    }

    assertThat(writer.length()).isEqualTo(java.nio.file.Files.size(file));
    Metrics metrics = ParquetUtil.footerMetrics(writer.footer(), Stream.empty(), MetricsConfig.getDefault());
    assertThat(metrics.recordCount()).isEqualTo(ROWS);
    assertThat(metrics.nullValueCounts().get(1))
        .isEqualTo(Arrays.stream(expected.toArray(Object[][]::new)).filter(values -> values[0] == null).count());
    assertThat(metrics.nullValueCounts().get(7)).isZero();
    assertThat(Conversions.<Integer>fromByteBuffer(Types.IntegerType.get(), metrics.lowerBounds().get(2))).isEqualTo(-2);
    assertThat(Conversions.<Integer>fromByteBuffer(Types.IntegerType.get(), metrics.upperBounds().get(2)))
        .isEqualTo(ROWS - 1 - 3);
    ByteBuffer lowestId = metrics.lowerBounds().get(7);
    assertThat(Conversions.<CharSequence>fromByteBuffer(Types.StringType.get(), lowestId).toString())
        .isEqualTo("id-00000");
  }

  @Test
  void startsNewRowGroupsAsTheyFill() throws Exception {
    Path file = directory.resolve("groups.parquet");
    Schema schema = new Schema(Types.NestedField.required(1, "blob", Types.StringType.get()));
    FlatParquetWriter writer = new FlatParquetWriter(Files.localOutput(file.toFile()), schema, Map.of("write.parquet.compression-codec", "uncompressed"));
    TableRow row = new TableRow(schema);
    String blob = "x".repeat(100_000);
    long rows = FlatParquetWriter.ROW_GROUP_BYTES / blob.length() * 2 + 10;
    for (long i = 0; i < rows; i++) {
      row.setString(0, blob + i);
      writer.write(row);
    }
    writer.close();

    assertThat(writer.splitOffsets()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(spark.read().parquet(file.toString()).count()).isEqualTo(rows);
    assertThat(spark.read().parquet(file.toString()).where("blob = '" + blob + (rows - 1) + "'").count()).isEqualTo(1);
  }

  @Test
  void refusesANullInARequiredColumn() throws Exception {
    FlatParquetWriter writer =
        new FlatParquetWriter(Files.localOutput(directory.resolve("required.parquet").toFile()), SCHEMA, Map.of());
    TableRow row = new TableRow(SCHEMA);
    row.clear();
    assertThatThrownBy(() -> writer.write(row))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Column id is required but null");
  }

  /** Row {@code i}'s values, in the schema's order; timestamps as epoch microseconds. */
  private static Object[] values(int i) {
    boolean noText = i >= ParquetColumn.PAGE_ROWS && i < 2 * ParquetColumn.PAGE_ROWS;
    return new Object[] {
      noText || i % 7 == 0 ? null : (i % 3 == 0 ? "prüfung " : "exam ") + i,
      i % 5 == 0 ? null : i - 3,
      i % 11 == 0 ? null : (long) i * 1_000_000_007L,
      i % 13 == 0 ? null : 1_516_717_307_505_000L + i * 1_000L,
      i % 17 == 0 ? null : i / 4.0,
      i % 19 == 0 ? null : i % 2 == 0,
      String.format("id-%05d", i)
    };
  }

  private static long micros(Timestamp at) {
    return at.getTime() / 1000 * 1_000_000 + at.getNanos() / 1000;
  }
}
