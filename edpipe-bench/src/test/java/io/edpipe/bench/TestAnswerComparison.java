package io.edpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spark's and DuckDB's JDBC values for the same answers. */
class TestAnswerComparison {
  @Test
  void sameAnswerWhateverTheJavaTypes() {
    Instant first = Instant.parse("2017-11-21T00:42:05.123456Z");
    List<List<Object>> spark =
        List.of(
            List.of("Learning Git", 394L, 390L, 62.658, true, Timestamp.from(first)),
            Arrays.asList("null", 5L, 5, null, false, Timestamp.from(first)));
    List<List<Object>> duckdb =
        List.of(
            List.of("Learning Git", BigInteger.valueOf(394), 390L, new BigDecimal("62.658"), true,
                OffsetDateTime.ofInstant(first, ZoneOffset.UTC)),
            Arrays.asList("null", BigInteger.valueOf(5), BigInteger.valueOf(5), null, false,
                first.atOffset(ZoneOffset.ofHours(2))));

    assertThat(AnswerComparison.difference(spark, duckdb)).isEmpty();
  }

  @Test
  void doublesAgreeToARelativeTolerance() {
    assertThat(AnswerComparison.difference(List.of(List.of(62.657999999999)), List.of(List.of(62.658)))).isEmpty();
    assertThat(AnswerComparison.difference(List.of(List.of(62.657)), List.of(List.of(62.658))))
        .contains("row 1: [62.657] against [62.658]");
  }

  @Test
  void integersAgreeExactly() {
    assertThat(AnswerComparison.difference(List.of(List.of(14L)), List.of(List.of(BigInteger.valueOf(15)))))
        .contains("row 1: [14] against [15]");
  }

  @Test
  void saysWhenOnlyTheOrderDiffers() {
    assertThat(AnswerComparison.difference(List.of(List.of("a", 1L), List.of("b", 1L)), List.of(List.of("b", 1L), List.of("a", 1L))))
        .contains("the same rows in another order (ties in ORDER BY): [[a, 1], [b, 1]] against [[b, 1], [a, 1]]");
  }

  @Test
  void saysWhenTheNumberOfRowsDiffers() {
    assertThat(AnswerComparison.difference(List.of(List.of("a")), List.of()))
        .contains("1 rows against 0: [[a]] against []");
  }
}
