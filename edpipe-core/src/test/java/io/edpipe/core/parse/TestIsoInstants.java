package io.edpipe.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestIsoInstants {
  @Test
  void readsTheDataShapeAsTheJdkDoes() {
    assertThat(IsoInstants.micros("2018-01-23T14:23:19.082Z")).isEqualTo(jdk("2018-01-23T14:23:19.082Z"));
    assertThat(IsoInstants.micros("2018-01-23T14:23:19.082Z")).isEqualTo(1_516_717_399_082_000L);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999999Z",
        "2000-02-29T12:00:00.1+05:30",
        "2016-12-31T23:59:59.123456789-08:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999Z",
        "2018-01-23T14:23:19.000000001Z",
        "2018-01-23T14:23:19.9999999Z",
        "1969-12-31T23:59:59.9999995Z",
        "1600-03-01T00:00:00+17:59",
      })
  void agreesWithTheJdkOnEdges(String text) {
    assertThat(IsoInstants.micros(text)).isEqualTo(jdk(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2018-01-23T14:23:19", // no zone: the JDK rejects it
        "2018-02-29T00:00:00Z", // not a leap year
        "1900-02-29T00:00:00Z",
        "2018-13-01T00:00:00Z",
        "2018-01-32T00:00:00Z",
        "2018-01-23T24:00:00Z",
        "2018-01-23T14:60:00Z",
        "2018-01-23T14:23:60Z",
        "2018-01-23t14:23:19Z", // valid for the JDK (case-insensitive), not the shape: the JDK decides
        "2018-01-23T14:23Z",
        "2018-01-23T14:23:19.Z",
        "2018-01-23T14:23:19.0123456789Z",
        "2018-01-23T14:23:19+18:00",
        "2018-01-23T14:23:19+0100",
        " 2018-01-23T14:23:19Z",
        "+2018-01-23T14:23:19Z",
        "0000-01-01T00:00:00Z",
        "yesterday and then some",
      })
  void leavesEverythingElseToTheJdk(String text) {
    assertThat(IsoInstants.micros(text)).isEqualTo(IsoInstants.NOT_SIMPLE);
  }

  @Test
  void agreesWithTheJdkOnRandomInstants() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);
      int nanos = random.nextInt(1_000_000_000);
      int offsetMinutes = random.nextInt(-17 * 60, 17 * 60);
      OffsetDateTime time =
          Instant.ofEpochSecond(seconds, nanos).atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
      String text = time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      long fast = IsoInstants.micros(text);
      if (fast != IsoInstants.NOT_SIMPLE) {
        assertThat(fast).as(text).isEqualTo(jdk(text));
      }
    }
  }

  private static long jdk(String text) {
    try {
      Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    } catch (DateTimeException e) {
      throw new AssertionError(text, e);
    }
  }
}
