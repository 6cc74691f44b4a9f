package io.edpipe.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestAttemptParser {
  private static final List<String> SAMPLE = sample();

  private final AttemptParser parser = new AttemptParser();

  @Test
  void parsesTheFirstRealRecordFieldByField() {
    Attempt attempt = parsed(SAMPLE.get(0));

    assertThat(attempt.keenId()).isEqualTo("5a6745820eb8ab00016be1f1");
    assertThat(attempt.userExamId()).isEqualTo("6d4089e4-bde5-4a22-b65f-18bce9ab79c8");
    assertThat(attempt.baseExamId()).isEqualTo("37f0a30a-7464-11e6-aa92-a8667f27e5dc");
    assertThat(attempt.examName()).isEqualTo("Normal Forms and All That Jazz Master Class");
    assertThat(attempt.startedAtMicros()).isEqualTo(micros("2018-01-23T14:23:19.082Z"));
    // "1516717442.735266": epoch seconds with microseconds, as a string
    assertThat(attempt.keenTimestampMicros()).isEqualTo(1_516_717_442_735_266L);
    assertThat(attempt.keenCreatedAtMicros()).isEqualTo(1_516_717_442_735_266L);
    assertThat(attempt.maxAttempts()).isEqualTo(1.0);
    assertThat(attempt.certification()).isFalse();
    assertThat(attempt.sequenceId()).isEqualTo("5b28a462-7a3b-42e0-b508-09f3906d1703");
    assertThat(attempt.attempt()).isEqualTo(1);
    assertThat(attempt.counts()).isEqualTo(new Attempt.Counts(2, 1, 0, 1, 4, 4, false));
    assertThat(attempt.score()).isEqualTo(0.5);
    assertThat(attempt.questions()).extracting(q -> q.options().size()).containsExactly(3, 3, 4, 4);

    Attempt.Question first = attempt.questions().get(0);
    assertThat(first.id()).isEqualTo("7a2ed6d3-f492-49b3-b8aa-d080a8aad986");
    assertThat(first.position()).isEqualTo(1);
    assertThat(first.userIncomplete()).isTrue();
    assertThat(first.userCorrect()).isFalse();
    assertThat(first.userSubmitted()).isTrue();
    assertThat(first.userResult()).isEqualTo("missed_some");
    // two right answers ticked, a third right answer not chosen
    assertThat(first.correctOptions()).isEqualTo(3);
    assertThat(first.checkedOptions()).isEqualTo(2);
    assertThat(first.checkedCorrectOptions()).isEqualTo(2);
  }

  @Test
  void readsEachOfTheFiveOptionShapes() {
    List<Attempt.Question> questions = parsed(SAMPLE.get(0)).questions();
    // {checked:true,at,id,submitted:1,correct:true}
    assertThat(questions.get(0).options().get(0))
        .isEqualTo(
            new Attempt.Option(
                "49c574b4-5c82-4ffd-9bd1-c3358faf850d", 1, true, true, true, micros("2018-01-23T14:23:24.670Z")));
    // {checked:false,correct:true,id}: a right answer not chosen
    assertThat(questions.get(0).options().get(2))
        .isEqualTo(new Attempt.Option("d1bf026f-554f-4543-bdd2-54dcf105b826", 3, false, true, false, null));
    // {checked:true,at,id,submitted:1}: a wrong answer chosen
    assertThat(questions.get(1).options().get(0))
        .isEqualTo(
            new Attempt.Option(
                "a35d0e80-8c49-415d-b8cb-c21a02627e2b", 1, true, false, true, micros("2018-01-23T14:23:30.116Z")));
    // {checked:false,at,id}: ticked, then unticked
    assertThat(questions.get(2).options().get(0))
        .isEqualTo(
            new Attempt.Option(
                "a9333679-de9d-41ff-bb3d-b239d6b95732", 1, false, false, false, micros("2018-01-23T14:23:52.510Z")));
    // {checked:false,id}
    assertThat(questions.get(2).options().get(1))
        .isEqualTo(new Attempt.Option("85795acc-b4b1-4510-bd6e-41648a3553c9", 2, false, false, false, null));
  }

  @Test
  void parsesEveryRealRecord() {
    List<Attempt> attempts = SAMPLE.stream().map(this::parsed).toList();

    assertThat(attempts).hasSize(10);
    assertThat(attempts.stream().mapToInt(a -> a.questions().size()).sum()).isEqualTo(40);
    assertThat(attempts.stream().flatMap(a -> a.questions().stream()).mapToInt(q -> q.options().size()).sum())
        .isEqualTo(153);
    // counts agree with the questions in the real data
    for (Attempt attempt : attempts) {
      assertThat(attempt.counts().total()).isEqualTo(attempt.questions().size());
      assertThat(attempt.counts().correct())
          .isEqualTo((int) attempt.questions().stream().filter(q -> q.userCorrect()).count());
    }
  }

  @Test
  void keepsAnAttemptWithoutCountsOrQuestions() {
    Attempt attempt = parsed("{\"keen_id\":\"k1\",\"exam_name\":\"x\",\"sequences\":{\"questions\":[],\"id\":\"s\"}}");

    assertThat(attempt.counts()).isNull();
    assertThat(attempt.score()).isNull();
    assertThat(attempt.questions()).isEmpty();
    assertThat(attempt.certification()).isNull();
    assertThat(attempt.startedAtMicros()).isNull();
  }

  @Test
  void acceptsNumbersAndBooleansAsJsonValuesToo() {
    Attempt attempt =
        parsed(
            "{\"keen_id\":\"k\",\"keen_timestamp\":1516717442.5,\"max_attempts\":2,\"certification\":true,"
                + "\"sequences\":{\"attempt\":\"3\",\"counts\":{\"correct\":\"1\",\"total\":4.0}}}");

    assertThat(attempt.keenTimestampMicros()).isEqualTo(1_516_717_442_500_000L);
    assertThat(attempt.maxAttempts()).isEqualTo(2.0);
    assertThat(attempt.certification()).isTrue();
    assertThat(attempt.attempt()).isEqualTo(3);
    assertThat(attempt.score()).isEqualTo(0.25);
  }

  @Test
  void keepsUnknownFieldsByPath() {
    Attempt attempt =
        parsed(
            "{\"extra\":{\"a\":[1, 2,{\"b\":null}]},\"keen_id\":\"k\",\"sequences\":{\"questions\":[{\"id\":\"q\","
                + "\"hint\":\"h\",\"options\":[{\"id\":\"o\",\"weight\":0.5}]}],\"counts\":{\"total\":1,\"bonus\":true}}}");

    assertThat(attempt.keenId()).isEqualTo("k");
    assertThat(attempt.questions().get(0).options()).hasSize(1);
    assertThat(attempt.extraFields())
        .isEqualTo(
            "{\"extra\":{\"a\":[1,2,{\"b\":null}]},\"sequences.questions[0].hint\":\"h\","
                + "\"sequences.questions[0].options[0].weight\":0.5,\"sequences.counts.bonus\":true}");
  }

  @Test
  void realRecordsHaveNoExtraFieldsAndAgreeWithTheirCounts() {
    assertThat(SAMPLE).map(this::parsed).allSatisfy(attempt -> {
      assertThat(attempt.extraFields()).isNull();
      assertThat(attempt.countsAgree()).isTrue();
    });
  }

  @Test
  void flagsCountsThatDisagreeWithTheQuestions() {
    String twoQuestions =
        "\"questions\":[{\"id\":\"a\",\"user_correct\":true},{\"id\":\"b\",\"user_correct\":false}]";

    assertThat(parsed("{\"keen_id\":\"k\",\"sequences\":{" + twoQuestions + ",\"counts\":{\"correct\":1,\"total\":2}}}").countsAgree())
        .isTrue();
    assertThat(parsed("{\"keen_id\":\"k\",\"sequences\":{" + twoQuestions + ",\"counts\":{\"correct\":1,\"total\":3}}}").countsAgree())
        .isFalse();
    assertThat(parsed("{\"keen_id\":\"k\",\"sequences\":{" + twoQuestions + ",\"counts\":{\"correct\":2,\"total\":2}}}").countsAgree())
        .isFalse();
    assertThat(parsed("{\"keen_id\":\"k\",\"sequences\":{" + twoQuestions + "}}").countsAgree()).isNull();
  }

  @Test
  void dropsAUtf8ByteOrderMark() {
    byte[] withBom = ("\uFEFF" + SAMPLE.get(0)).getBytes(StandardCharsets.UTF_8);

    assertThat(parsed(parser.parse(withBom)).keenId()).isEqualTo("5a6745820eb8ab00016be1f1");
  }

  @Test
  void scoreIsNullWhenTotalIsZero() {
    assertThat(parsed("{\"keen_id\":\"k\",\"sequences\":{\"counts\":{\"correct\":0,\"total\":0}}}").score())
        .isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'not json'|invalid_json|Unrecognized token 'not'",
        "'{\"keen_id\":\"k\"'|invalid_json|Unexpected end-of-input",
        "'{\"keen_id\":\"k\"} {}'|invalid_json|trailing content after the attempt's object",
        "'[1,2]'|not_an_object|the message is a JSON array, not an object",
        "'\"text\"'|not_an_object|the message is a JSON string, not an object",
        "'42'|not_an_object|the message is a JSON number, not an object",
        "'{}'|missing_keen_id|the attempt has no keen_id",
        "'{\"keen_id\":\" \"}'|missing_keen_id|the attempt's keen_id is empty",
        "'{\"keen_id\":\"a\",\"keen_id\":\"b\"}'|duplicate_key|Duplicate field 'keen_id'",
        "'{\"keen_id\":\"k\",\"started_at\":\"yesterday\"}'|bad_timestamp|"
            + "started_at is not an ISO-8601 time with a zone: \"yesterday\"",
        "'{\"keen_id\":\"k\",\"started_at\":\"2018-01-23T14:23:19\"}'|bad_timestamp|"
            + "started_at is not an ISO-8601 time with a zone: \"2018-01-23T14:23:19\"",
        "'{\"keen_id\":\"k\",\"keen_timestamp\":\"NaN\"}'|bad_timestamp|keen_timestamp is not epoch seconds: \"NaN\"",
        "'{\"keen_id\":\"k\",\"keen_created_at\":\"1e300\"}'|bad_timestamp|keen_created_at is out of range: \"1e300\"",
        "'{\"keen_id\":\"k\",\"max_attempts\":\"Infinity\"}'|bad_number|"
            + "max_attempts is not a finite number: \"Infinity\"",
        "'{\"keen_id\":\"k\",\"certification\":\"yes\"}'|bad_field_type|certification must be a boolean, found \"yes\"",
        "'{\"keen_id\":{\"a\":1}}'|bad_field_type|keen_id must be a string, found object",
        "'{\"keen_id\":\"k\",\"sequences\":{\"questions\":{}}}'|bad_field_type|"
            + "sequences.questions must be an array, found object",
        "'{\"keen_id\":\"k\",\"sequences\":{\"counts\":{\"total\":\"four\"}}}'|bad_number|"
            + "sequences.counts.total is not an integer: \"four\"",
        "'{\"keen_id\":\"k\",\"sequences\":{\"questions\":[{\"options\":[{\"at\":\"x\"}]}]}}'|bad_timestamp|"
            + "sequences.questions[0].options[0].at is not an ISO-8601 time with a zone: \"x\"",
        "'{\"keen_id\":\"k\",\"sequences\":{\"questions\":[7]}}'|bad_field_type|"
            + "sequences.questions[0] must be an object, found number \"7\"",
        "'{\"keen_id\":\"k\",\"sequences\":{\"questions\":[{\"options\":[{},{\"id\":1,\"id\":2}]}]}}'|duplicate_key|"
            + "Duplicate field 'id'",
        "'{\"keen_id\":\"k\",\"hint\":{\"a\":[{\"b\":1,\"b\":1}]}}'|duplicate_key|Duplicate field 'b'",
        "'{\"keen_id\":\"k\",\"started_at\":\"0000-12-31T18:00:00-05:00\"}'|bad_timestamp|"
            + "started_at is out of range: \"0000-12-31T18:00:00-05:00\"",
        "'{\"keen_id\":\"k\",\"sequences\":{\"counts\":{\"total\":\"4.5\"}}}'|bad_number|"
            + "sequences.counts.total is not an integer: \"4.5\"",
      })
  void rejectsWithAStableReasonAndADetailThatSaysWhere(String message, String code, String detail) {
    ParseOutcome outcome = parser.parse(message);

    assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
    ParseOutcome.Rejected rejected = (ParseOutcome.Rejected) outcome;
    assertThat(rejected.reason().code()).isEqualTo(code);
    assertThat(rejected.detail()).startsWith(detail);
  }

  @Test
  void readsNumbersAndTimesOnTheFastPathAsTheGeneralOne() {
    Attempt attempt =
        parsed(
            "{\"keen_id\":\"k\",\"keen_timestamp\":\"1516717442.7352665\",\"keen_created_at\":\"1516717442.73526649\","
                + "\"started_at\":\"1601-01-01T00:00:00.1234567+01:00\",\"sequences\":{\"attempt\":\"4.0\","
                + "\"counts\":{\"total\":\"007\",\"correct\":3}}}");

    assertThat(attempt.keenTimestampMicros()).isEqualTo(1_516_717_442_735_267L); // half up
    assertThat(attempt.keenCreatedAtMicros()).isEqualTo(1_516_717_442_735_266L);
    assertThat(attempt.startedAtMicros()).isEqualTo(-11_644_477_200_000_000L + 123_456L);
    assertThat(attempt.attempt()).isEqualTo(4);
    assertThat(attempt.counts().total()).isEqualTo(7);
    assertThat(attempt.counts().correct()).isEqualTo(3);
  }

  @Test
  void findsNoDuplicateAmongManyDistinctKeys() {
    StringBuilder hint = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      hint.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    String message = "{\"keen_id\":\"k\",\"hint\":" + hint + "}}";

    assertThat(parsed(message).extraFields()).startsWith("{\"hint\":{\"k0\":0,\"k1\":1,");
    assertThat(parser.parse(message.replace("\"k39\"", "\"k7\""))).isInstanceOf(ParseOutcome.Rejected.class);
  }

  @Test
  void rejectsEmptyAndNonUtf8Messages() {
    assertThat(parser.parse(new byte[0])).isEqualTo(rejected(RejectReason.EMPTY_MESSAGE, "the message has no value"));
    assertThat(parser.parse((byte[]) null)).isEqualTo(rejected(RejectReason.EMPTY_MESSAGE, "the message has no value"));
    assertThat(parser.parse("  \n")).isEqualTo(rejected(RejectReason.EMPTY_MESSAGE, "the message is empty"));

    ParseOutcome latin1 = parser.parse("{\"keen_id\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(latin1).isInstanceOf(ParseOutcome.Rejected.class);
    assertThat(((ParseOutcome.Rejected) latin1).reason()).isEqualTo(RejectReason.NOT_UTF8);
  }

  @Test
  void rejectsADepthBombAsInvalidJson() {
    String bomb = "{\"keen_id\":\"k\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    ParseOutcome outcome = parser.parse(bomb);

    assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
    assertThat(((ParseOutcome.Rejected) outcome).reason()).isEqualTo(RejectReason.INVALID_JSON);
    assertThat(((ParseOutcome.Rejected) outcome).detail()).contains("nesting depth");
  }

  @Test
  void readsUtf8Bytes() {
    Attempt attempt = parsed(parser.parse(SAMPLE.get(1).getBytes(StandardCharsets.UTF_8)));

    assertThat(attempt.keenId()).isEqualTo("5a674541ab6b0a0001c6e723");
  }

  private Attempt parsed(String message) {
    return parsed(parser.parse(message));
  }

  private static Attempt parsed(ParseOutcome outcome) {
    assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
    return ((ParseOutcome.Parsed) outcome).attempt();
  }

  private static ParseOutcome rejected(RejectReason reason, String detail) {
    return new ParseOutcome.Rejected(reason, detail);
  }

  private static long micros(String iso) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(iso));
  }

  private static List<String> sample() {
    try (InputStream in = TestAttemptParser.class.getResourceAsStream("/fixtures/real-sample.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
