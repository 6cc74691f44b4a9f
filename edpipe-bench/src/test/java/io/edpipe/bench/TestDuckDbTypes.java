package io.edpipe.bench;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TestDuckDbTypes {
  @Test
  void mapsTheRawEventsSchema() {
    assertThat(DuckDbTypes.of(RawEventSchema.OPTION))
        .isEqualTo("STRUCT(\"checked\" BOOLEAN, \"at\" VARCHAR, \"id\" VARCHAR, \"submitted\" BIGINT, \"correct\" BOOLEAN)");
    assertThat(DuckDbTypes.of(RawEventSchema.SEQUENCES)).startsWith("STRUCT(\"questions\" STRUCT(\"user_incomplete\" BOOLEAN,")
        .contains("\"options\" STRUCT(\"checked\" BOOLEAN, ")
        .contains(")[], \"attempt\" BIGINT, \"id\" VARCHAR, \"counts\" STRUCT(");
  }

  @Test
  void writesReadJsonColumns() {
    StructType schema = new StructType().add("keen_id", StringType).add("tags", DataTypes.createArrayType(StringType));

    assertThat(DuckDbTypes.readJsonColumns(schema)).isEqualTo("{'keen_id': 'VARCHAR', 'tags': 'VARCHAR[]'}");
  }

  @Test
  void writesAnEmptyViewOfATable() {
    StructType schema =
        new StructType().add("reason", StringType).add("kafka_partition", IntegerType).add("landed_at", TimestampType)
            .add("identical", BooleanType);

    assertThat(DuckDbTypes.emptySelect(schema))
        .isEqualTo(
            "SELECT CAST(NULL AS VARCHAR) AS \"reason\", CAST(NULL AS INTEGER) AS \"kafka_partition\","
                + " CAST(NULL AS TIMESTAMPTZ) AS \"landed_at\", CAST(NULL AS BOOLEAN) AS \"identical\" WHERE false");
  }

  @Test
  void refusesATypeItDoesNotKnow() {
    assertThatThrownBy(() -> DuckDbTypes.of(DataTypes.createDecimalType(10, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot map the Spark type decimal(10,2) to DuckDB");
  }
}
