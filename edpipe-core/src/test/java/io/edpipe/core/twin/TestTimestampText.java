package io.edpipe.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestTimestampText {
  @ParameterizedTest
  @CsvSource({
    // the real records' values
    "1516717442735266, 1516717442.735266",
    "1516738921113742, 1516738921.1137421",
    "1516746279380129, 1516746279.3801291",
    "1516743098568110, 1516743098.56811",
    // whole seconds lose the point, as %.17g does
    "1516743098000000, 1516743098",
    "1516743098500000, 1516743098.5",
  })
  void printsEpochSecondsLikeTheRealRecords(long micros, String expected) {
    assertThat(TimestampText.epochSeconds(micros)).isEqualTo(expected);
  }

  @Test
  void printsIsoTimesWithThreeDigitMillis() {
    assertThat(TimestampText.isoMillis(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(TimestampText.isoMillis(Instant.parse("2018-01-23T14:23:19.082Z").toEpochMilli()))
        .isEqualTo("2018-01-23T14:23:19.082Z");
    assertThat(TimestampText.isoMillis(Instant.parse("2017-11-21T00:42:05Z").toEpochMilli()))
        .isEqualTo("2017-11-21T00:42:05.000Z");
    for (long millis = 1_511_224_920_000L; millis < 1_517_167_080_000L; millis += 86_399_997L) {
      assertThat(Instant.parse(TimestampText.isoMillis(millis)).toEpochMilli()).isEqualTo(millis);
    }
  }
}
