package io.edpipe.core.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.edpipe.core.RandomEdits;
import io.edpipe.core.twin.TwinConfig;
import io.edpipe.core.twin.TwinFormat;
import io.edpipe.core.twin.TwinGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestQuickAttemptParser {
  private static final List<String> SAMPLE = sample();

  private final QuickAttemptParser quick = new QuickAttemptParser();
  private final AttemptParser general = new AttemptParser();
  private final FlatAttempt flat = new FlatAttempt();

  /** The general parser's attempt, or null when it rejects the message. */
  private Attempt general(byte[] message) {
    return general.parse(message) instanceof ParseOutcome.Parsed parsed ? parsed.attempt() : null;
  }

  @Test
  void readsEveryRealRecordAsTheGeneralParserDoes() {
    for (String line : SAMPLE) {
      byte[] message = line.getBytes(UTF_8);

      assertThat(quick.parse(message, flat)).as(line).isTrue();
      assertThat(flat.toAttempt()).isEqualTo(general(message));
      assertThat(flat.countsAgree()).isEqualTo(general(message).countsAgree());
      assertThat(flat.score()).isEqualTo(general(message).score());
    }
  }

  @Test
  void readsTwinRecordsAsTheGeneralParserDoes() {
    List<String> records = TwinGenerator.create(new TwinConfig(7, 300, TwinFormat.JSONL)).records().toList();
    int quickly = 0;
    for (String record : records) {
      byte[] message = record.getBytes(UTF_8);
      if (quick.parse(message, flat)) {
        assertThat(flat.toAttempt()).as(record).isEqualTo(general(message));
        quickly++;
      }
    }
    assertThat(quickly).isEqualTo(records.size());
  }

  @Test
  void keepsTheFlatFormOfAnyAttemptItLoads() {
    String unusual =
        "{\"keen_id\":\"k\",\"exam_name\":\"Caf\u00e9 \\\"quoted\\\"\",\"hint\":[1],\"max_attempts\":2,"
            + "\"sequences\":{\"counts\":{\"total\":0},\"questions\":[{\"id\":7,\"options\":null},"
            + "{\"options\":[{\"id\":\"o\",\"submitted\":\"1\",\"checked\":\"TRUE\"},{}]}]}}";
    List<String> messages = new ArrayList<>(SAMPLE);
    messages.add(unusual);
    for (String message : messages) {
      Attempt attempt = general(message.getBytes(UTF_8));

      flat.load(attempt);

      assertThat(flat.toAttempt()).isEqualTo(attempt);
      assertThat(flat.countsAgree()).isEqualTo(attempt.countsAgree());
      assertThat(flat.score()).isEqualTo(attempt.score());
    }
    assertThat(quick.parse(unusual.getBytes(UTF_8), flat)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"keen_id\":\"k\",\"exam_name\":\"a \\\"b\\\"\"}", // an escape
        "{\"keen_id\":\"k\",\"exam_name\":\"caf\u00e9\"}", // not ASCII
        "{\"keen_id\":\"k\",\"hint\":\"x\"}", // a field the contract does not know: extra_fields
        "{\"keen_id\":7}", // a number where the data has a string
        "{\"keen_id\":\"k\",\"max_attempts\":1.0}",
        "{\"keen_id\":\"k\",\"started_at\":\"2018-01-23T14:23Z\"}", // another ISO-8601 shape
        "{\"keen_id\":\"k\",\"sequences\":{\"attempt\":1.0}}",
        "{\"keen_id\":\"k\",\"sequences\":{\"attempt\":-1}}",
      })
  void leavesUnusualAttemptsToTheGeneralParser(String message) {
    byte[] bytes = message.getBytes(UTF_8);

    assertThat(general(bytes)).as("the general parser reads it").isNotNull();
    assertThat(quick.parse(bytes, flat)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", " ", "[]", "{}", "{\"keen_id\":\"\"}", "{\"keen_id\":\"  \"}", "{\"keen_id\":null}",
        "{\"keen_id\":\"k\",\"keen_id\":\"k\"}", "{\"keen_id\":\"k\"} {}", "{\"keen_id\":\"k\",}",
        "{\"keen_id\":\"k\",\"sequences\":[]}", "{\"keen_id\":\"k\",\"sequences\":{\"questions\":[1]}}",
        "{\"keen_id\":\"k\",\"sequences\":{\"attempt\":01}}", "{\"keen_id\":\"k\",\"certification\":\"maybe\"}",
        "{\"keen_id\":\"k\",\"started_at\":\"2018-02-30T00:00:00Z\"}", "{\"keen_id\":\"k\",\"max_attempts\":\"x\"}",
        "{\"keen_id\":\"k\",\"sequences\":{\"questions\":[{\"options\":[{\"checked\":tru}]}]}}",
        "{\"keen_id\":\"k\",\"sequences\":{\"counts\":{\"total\":\"four\"}}}", "{\"keen_id\":\"k\"",
      })
  void neverReadsWhatTheGeneralParserRejects(String message) {
    byte[] bytes = message.getBytes(UTF_8);

    assertThat(general(bytes)).as("rejected").isNull();
    assertThat(quick.parse(bytes, flat)).isFalse();
  }

  /**
   * Random edits of real records: whenever the quick parser reads one, the general parser reads the same attempt.
   * And it reads nearly all those the general parser reads without extra fields (an edited field name is one), or
   * it would save nothing.
   */
  @Test
  void agreesWithTheGeneralParserOnRandomEdits() {
    Random random = new Random(20261202);
    List<byte[]> records = SAMPLE.stream().map(line -> line.getBytes(UTF_8)).toList();
    int read = 0;
    int ordinary = 0;
    for (int i = 0; i < 30_000; i++) {
      byte[] message = RandomEdits.edit(records.get(random.nextInt(records.size())), random);
      Attempt expected = general(message);
      if (quick.parse(message, flat)) {
        assertThat(expected).as("the general parser reads %s", new String(message, UTF_8)).isNotNull();
        assertThat(flat.toAttempt()).as("%s", new String(message, UTF_8)).isEqualTo(expected);
        read++;
      }
      ordinary += expected != null && expected.extraFields() == null && AttemptParser.isAscii(message) ? 1 : 0;
    }
    assertThat(ordinary).as("edits that stayed valid, ASCII and without extra fields").isGreaterThan(3_000);
    assertThat(read).as("of those, read quickly").isGreaterThan(ordinary * 9 / 10);
  }

  private static List<String> sample() {
    try (InputStream in = TestQuickAttemptParser.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      return new String(in.readAllBytes(), UTF_8).lines().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
